// Window-wide drag-and-drop of appliance files: whether files are being dragged over the window, and what to do with a drop.
import { onBeforeUnmount, onMounted, ref } from 'vue';

const applianceName = /\.(ova|ovf)$/i;

export function isApplianceFileName(name: string): boolean {
  return applianceName.test(name);
}

function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/** `onDrop` gets every dropped file (an .ovf may come with its .mf); text or links dragged over the window are left alone. */
export function useFileDrop(onDrop: (files: File[]) => void) {
  const dragging = ref(false);
  // dragenter/dragleave fire for every child element crossed; count them to know when the pointer left the window.
  let depth = 0;

  function enter(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    dragging.value = true;
  }
  function over(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    // Without this the browser would open the file in place of the app.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    dragging.value = true;
  }
  function leave(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  }
  function drop(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dragging.value = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) onDrop(files);
  }

  onMounted(() => {
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter);
    window.removeEventListener('dragover', over);
    window.removeEventListener('dragleave', leave);
    window.removeEventListener('drop', drop);
  });

  return { dragging };
}
