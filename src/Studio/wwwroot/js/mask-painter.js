// Painting a character's foreground mask over its reference image (brush adds subject, eraser removes it).
// The mask lives in an off-screen canvas at the image's own resolution (alpha = subject); the visible canvas only
// darkens the background. Strokes are kept as vectors on top of a baked base, so undo replays a few strokes instead
// of keeping a full-resolution snapshot per stroke (a 4096 px image is 64 MB per snapshot).
const MaxUndo = 50;
const MinSize = 2;
const MaxSize = 400;

function load(url) {
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image);
        image.onerror = () => reject(new Error("could not load " + url));
        image.src = url;
    });
}

function makeCanvas(width, height) {
    const c = document.createElement("canvas");
    c.width = width;
    c.height = height;
    return c;
}

export async function attach(root, imageUrl, maskUrl, dotnet, size) {
    // Null when the component left the page before this call arrived (a quick click elsewhere on a busy server).
    if (!root) return null;
    const view = root.querySelector("canvas.dt-mask-canvas");
    const source = await load(imageUrl);
    const width = source.naturalWidth, height = source.naturalHeight;
    view.width = width;
    view.height = height;
    const base = makeCanvas(width, height);
    const mask = makeCanvas(width, height);
    if (maskUrl) {
        // The stored mask is grey (white = subject); the painter wants it as alpha.
        const stored = await load(maskUrl);
        const ctx = base.getContext("2d", { willReadFrequently: true });
        ctx.drawImage(stored, 0, 0, width, height);
        const pixels = ctx.getImageData(0, 0, width, height);
        const d = pixels.data;
        for (let i = 0; i < d.length; i += 4) {
            d[i + 3] = d[i];
            d[i] = d[i + 1] = d[i + 2] = 255;
        }
        ctx.putImageData(pixels, 0, 0);
    }

    const state = { tool: "brush", size: size || 40, strokes: [], current: null };

    const drawStroke = (ctx, stroke) => {
        ctx.save();
        ctx.globalCompositeOperation = stroke.tool === "brush" ? "source-over" : "destination-out";
        ctx.strokeStyle = ctx.fillStyle = "#fff";
        ctx.lineWidth = stroke.size;
        ctx.lineCap = ctx.lineJoin = "round";
        const p = stroke.points;
        if (p.length === 1) {
            ctx.beginPath();
            ctx.arc(p[0][0], p[0][1], stroke.size / 2, 0, Math.PI * 2);
            ctx.fill();
        } else {
            ctx.beginPath();
            ctx.moveTo(p[0][0], p[0][1]);
            for (let i = 1; i < p.length; i++) ctx.lineTo(p[i][0], p[i][1]);
            ctx.stroke();
        }
        ctx.restore();
    };

    const rebuild = () => {
        const ctx = mask.getContext("2d");
        ctx.clearRect(0, 0, width, height);
        ctx.drawImage(base, 0, 0);
        for (const s of state.strokes) drawStroke(ctx, s);
        if (state.current) drawStroke(ctx, state.current);
    };

    const render = () => {
        const ctx = view.getContext("2d");
        ctx.save();
        ctx.clearRect(0, 0, width, height);
        ctx.fillStyle = "rgba(0, 0, 0, 0.6)";
        ctx.fillRect(0, 0, width, height);
        ctx.globalCompositeOperation = "destination-out";
        ctx.drawImage(mask, 0, 0);
        ctx.restore();
    };

    const notify = () => dotnet.invokeMethodAsync("OnPainterChanged", state.tool, state.size, state.strokes.length).catch(() => { });

    const toImage = (e) => {
        const r = view.getBoundingClientRect();
        return [(e.clientX - r.left) * width / r.width, (e.clientY - r.top) * height / r.height];
    };
    // The size is in screen pixels, as the user sees the brush; strokes store it in image pixels.
    const imageSize = () => state.size * width / Math.max(1, view.getBoundingClientRect().width);

    const onDown = (e) => {
        if (e.button !== 0) return;
        view.setPointerCapture(e.pointerId);
        state.current = { tool: state.tool, size: imageSize(), points: [toImage(e)] };
        drawStroke(mask.getContext("2d"), state.current);
        render();
        e.preventDefault();
    };
    const onMove = (e) => {
        if (!state.current) return;
        const p = state.current.points;
        const next = toImage(e);
        const ctx = mask.getContext("2d");
        drawStroke(ctx, { tool: state.current.tool, size: state.current.size, points: [p[p.length - 1], next] });
        p.push(next);
        render();
    };
    const onUp = () => {
        if (!state.current) return;
        state.strokes.push(state.current);
        state.current = null;
        if (state.strokes.length > MaxUndo) drawStroke(base.getContext("2d"), state.strokes.shift());
        rebuild();
        render();
        notify();
    };

    const api = {
        setTool(tool) { state.tool = tool === "eraser" ? "eraser" : "brush"; },
        setSize(value) { state.size = Math.max(MinSize, Math.min(MaxSize, Math.round(value))); },
        undo() {
            if (state.strokes.length === 0) return false;
            state.strokes.pop();
            rebuild();
            render();
            notify();
            return true;
        },
        clear() {
            base.getContext("2d").clearRect(0, 0, width, height);
            state.strokes = [];
            rebuild();
            render();
            notify();
        },
        strokeCount() { return state.strokes.length; },
        // Share of the image painted as subject, for tests and the UI.
        coverage() {
            const d = mask.getContext("2d", { willReadFrequently: true }).getImageData(0, 0, width, height).data;
            let on = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] >= 128) on++;
            return on / (width * height);
        },
        // The mask as a PNG (white subject on black), at the reference image's size.
        async exportMask() {
            const out = makeCanvas(width, height);
            const ctx = out.getContext("2d");
            ctx.fillStyle = "#000";
            ctx.fillRect(0, 0, width, height);
            ctx.drawImage(mask, 0, 0);
            const blob = await new Promise(resolve => out.toBlob(resolve, "image/png"));
            return new Uint8Array(await blob.arrayBuffer());
        },
        dispose() {
            view.removeEventListener("pointerdown", onDown);
            view.removeEventListener("pointermove", onMove);
            view.removeEventListener("pointerup", onUp);
            view.removeEventListener("pointercancel", onUp);
            root.removeEventListener("keydown", onKey);
        },
    };

    const onKey = (e) => {
        const key = e.key.toLowerCase();
        if ((e.ctrlKey || e.metaKey) && key === "z") {
            api.undo();
        } else if (e.ctrlKey || e.metaKey || e.altKey) {
            return;
        } else if (key === "b") {
            api.setTool("brush");
        } else if (key === "e") {
            api.setTool("eraser");
        } else if (key === "[") {
            api.setSize(state.size * 0.8);
        } else if (key === "]") {
            api.setSize(state.size * 1.25 + 1);
        } else {
            return;
        }
        e.preventDefault();
        notify();
    };

    view.addEventListener("pointerdown", onDown);
    view.addEventListener("pointermove", onMove);
    view.addEventListener("pointerup", onUp);
    view.addEventListener("pointercancel", onUp);
    root.addEventListener("keydown", onKey);
    rebuild();
    render();
    return api;
}
