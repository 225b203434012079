/** The painter's PNG as the data URL the contract takes. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('The mask could not be read.')));
    reader.onerror = () => reject(reader.error ?? new Error('The mask could not be read.'));
    reader.readAsDataURL(blob);
  });
}
