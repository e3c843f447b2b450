// Dragging a machine onto a host: the data type both ends agree on.
export const machineDragType = 'application/x-virtlab-machine';

export function startMachineDrag(event: DragEvent, machineId: string): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.setData(machineDragType, machineId);
  event.dataTransfer.setData('text/plain', machineId);
  event.dataTransfer.effectAllowed = 'move';
}

/** The machine a drop carries, if it is one. */
export function droppedMachine(event: DragEvent): string | null {
  const id = event.dataTransfer?.getData(machineDragType) ?? '';
  return id === '' ? null : id;
}
