// Remembers the light/dark choice for a year; read by the server when it prerenders the next page.
export function saveTheme(theme) {
    const value = theme === "dark" ? "dark" : "light";
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `dt-theme=${value}; path=/; max-age=31536000; samesite=lax${secure}`;
}
