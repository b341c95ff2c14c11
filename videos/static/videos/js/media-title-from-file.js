// Fill the media title from the chosen file's name when the editor has not typed one.
document.addEventListener("DOMContentLoaded", () => {
    const fileWidget = document.getElementById("id_file");
    const titleWidget = document.getElementById("id_title");
    if (!fileWidget || !titleWidget) {
        return;
    }
    fileWidget.addEventListener("change", () => {
        if (titleWidget.value === "") {
            const parts = fileWidget.value.split("\\");
            titleWidget.value = parts[parts.length - 1].replace(/\.[^.]+$/, "");
        }
    });
});
