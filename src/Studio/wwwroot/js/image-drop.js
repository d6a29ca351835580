// Drag-and-drop and paste for an upload zone: the dropped or pasted file is handed to the zone's
// <input type="file"> (Blazor's InputFile inside MudFileUpload), which then streams it to the server.
export function attach(zone) {
    // Null when the component left the page before this call arrived (a quick click elsewhere on a busy server).
    if (!zone) return null;
    const deliver = (files) => {
        const input = zone.querySelector('input[type="file"]');
        const image = [...(files ?? [])].find(f => f && f.size >= 0);
        if (!input || !image) return false;
        const transfer = new DataTransfer();
        transfer.items.add(image);
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
    };
    const onDragOver = (e) => { e.preventDefault(); zone.classList.add("dt-drag"); };
    const onDragLeave = () => zone.classList.remove("dt-drag");
    const onDrop = (e) => {
        e.preventDefault();
        zone.classList.remove("dt-drag");
        deliver(e.dataTransfer?.files);
    };
    const onPaste = (e) => {
        // Only files are taken; pasting text into a text field stays a text paste.
        const files = [...(e.clipboardData?.items ?? [])].filter(i => i.kind === "file").map(i => i.getAsFile());
        if (files.length === 0) return;
        if (deliver(files)) e.preventDefault();
    };
    zone.addEventListener("dragover", onDragOver);
    zone.addEventListener("dragleave", onDragLeave);
    zone.addEventListener("drop", onDrop);
    document.addEventListener("paste", onPaste);
    return {
        dispose() {
            zone.removeEventListener("dragover", onDragOver);
            zone.removeEventListener("dragleave", onDragLeave);
            zone.removeEventListener("drop", onDrop);
            document.removeEventListener("paste", onPaste);
        },
    };
}
