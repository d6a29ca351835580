// The pose editor's canvas: draws an OpenPose skeleton (the server's palette and limb table) and lets the user drag
// joints with the mouse or move them with the keyboard. Coordinates are pose units (0..extent across each side), the
// same the server stores and renders from; the server, not this preview, draws the control image the engine uses.
// Keyboard: Tab / Shift+Tab select the next / previous joint (past the last one focus moves on, so the canvas is no
// trap), arrow keys move the selected joint (Shift: 5x further), Escape clears the selection.
const HitRadius = 14;   // screen pixels around a joint that pick it up
const KeyStep = 5;      // pose units per arrow key press (0.5 % of the side)

export function attach(canvas, dotnet, options) {
    // Null when the component left the page before this call arrived (a quick click elsewhere on a busy server).
    if (!canvas) return null;
    const extent = options.extent;
    const state = {
        points: options.points.map(p => p ? [p[0], p[1]] : null),
        selected: -1,
        dragging: false,
        readOnly: !!options.readOnly,
    };

    const scaleX = () => (canvas.width - 1) / extent;
    const scaleY = () => (canvas.height - 1) / extent;

    const draw = () => {
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#000";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        const side = Math.min(canvas.width, canvas.height) / 512;
        options.limbs.forEach(([from, to], i) => {
            const a = state.points[from], b = state.points[to];
            if (!a || !b) return;
            const ax = a[0] * scaleX(), ay = a[1] * scaleY(), bx = b[0] * scaleX(), by = b[1] * scaleY();
            const length = Math.hypot(bx - ax, by - ay);
            ctx.beginPath();
            ctx.ellipse((ax + bx) / 2, (ay + by) / 2, Math.max(length / 2, 4 * side), 4 * side, Math.atan2(by - ay, bx - ax), 0, Math.PI * 2);
            ctx.fillStyle = options.stickColours[i];
            ctx.fill();
        });
        state.points.forEach((p, k) => {
            if (!p) return;
            ctx.beginPath();
            ctx.arc(p[0] * scaleX(), p[1] * scaleY(), 4 * side, 0, Math.PI * 2);
            ctx.fillStyle = options.colours[k];
            ctx.fill();
        });
        const s = state.selected >= 0 ? state.points[state.selected] : null;
        if (s) {
            ctx.beginPath();
            ctx.arc(s[0] * scaleX(), s[1] * scaleY(), 9 * side, 0, Math.PI * 2);
            ctx.strokeStyle = "#fff";
            ctx.lineWidth = 2;
            ctx.stroke();
        }
    };

    const toPose = (e) => {
        const r = canvas.getBoundingClientRect();
        const x = (e.clientX - r.left) * canvas.width / r.width / scaleX();
        const y = (e.clientY - r.top) * canvas.height / r.height / scaleY();
        return [Math.round(Math.max(0, Math.min(extent, x))), Math.round(Math.max(0, Math.min(extent, y)))];
    };

    const nearest = (e) => {
        const r = canvas.getBoundingClientRect();
        const px = e.clientX - r.left, py = e.clientY - r.top;
        let best = -1, bestDistance = HitRadius;
        state.points.forEach((p, k) => {
            if (!p) return;
            const d = Math.hypot(p[0] * scaleX() * r.width / canvas.width - px, p[1] * scaleY() * r.height / canvas.height - py);
            if (d <= bestDistance) { best = k; bestDistance = d; }
        });
        return best;
    };

    const select = (k) => {
        state.selected = k;
        draw();
        dotnet.invokeMethodAsync("OnJointSelected", k).catch(() => { });
    };
    const moved = (k) => {
        const p = state.points[k];
        dotnet.invokeMethodAsync("OnJointMoved", k, p[0], p[1]).catch(() => { });
    };

    const onDown = (e) => {
        if (e.button !== 0) return;
        canvas.focus();
        const k = nearest(e);
        select(k);
        if (k < 0 || state.readOnly) return;
        state.dragging = true;
        canvas.setPointerCapture(e.pointerId);
        e.preventDefault();
    };
    const onMove = (e) => {
        if (!state.dragging) return;
        state.points[state.selected] = toPose(e);
        draw();
    };
    const onUp = () => {
        if (!state.dragging) return;
        state.dragging = false;
        moved(state.selected);
    };

    const present = () => state.points.map((p, k) => p ? k : -1).filter(k => k >= 0);
    const onKey = (e) => {
        if (e.key === "Tab") {
            const order = present();
            const at = order.indexOf(state.selected);
            const next = state.selected < 0 ? (e.shiftKey ? order.length - 1 : 0) : at + (e.shiftKey ? -1 : 1);
            if (next < 0 || next >= order.length) { select(-1); return; }   // let focus leave the canvas
            select(order[next]);
            e.preventDefault();
            return;
        }
        if (e.key === "Escape") { select(-1); return; }
        const step = KeyStep * (e.shiftKey ? 5 : 1);
        const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
        if (!delta || state.selected < 0 || state.readOnly) return;
        const p = state.points[state.selected];
        state.points[state.selected] = [Math.max(0, Math.min(extent, p[0] + delta[0])), Math.max(0, Math.min(extent, p[1] + delta[1]))];
        draw();
        moved(state.selected);
        e.preventDefault();
    };

    canvas.addEventListener("pointerdown", onDown);
    canvas.addEventListener("pointermove", onMove);
    canvas.addEventListener("pointerup", onUp);
    canvas.addEventListener("pointercancel", onUp);
    canvas.addEventListener("keydown", onKey);
    draw();

    // Until now a drag did nothing (the module was still loading); say so to whoever waits for a working canvas.
    canvas.dataset.ready = "true";
    return {
        setPose(points) {
            if (state.dragging) return;
            state.points = points.map(p => p ? [p[0], p[1]] : null);
            if (state.selected >= 0 && !state.points[state.selected]) state.selected = -1;
            draw();
        },
        setReadOnly(value) { state.readOnly = !!value; },
        // The preview as the user sees it, for tests: [x, y] of a joint in pose units.
        point(k) { return state.points[k]; },
        dispose() {
            canvas.removeEventListener("pointerdown", onDown);
            canvas.removeEventListener("pointermove", onMove);
            canvas.removeEventListener("pointerup", onUp);
            canvas.removeEventListener("pointercancel", onUp);
            canvas.removeEventListener("keydown", onKey);
            delete canvas.dataset.ready;
        },
    };
}
