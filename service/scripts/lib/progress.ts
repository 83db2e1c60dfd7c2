/** A one-line progress bar on a terminal, plain lines otherwise (CI logs). */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPrinted = 0;
  return {
    update(done: number, total: number, detail = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} ${detail}   `);
      } else if (Date.now() - lastPrinted > 2000 || done === total) {
        lastPrinted = Date.now();
        stream.write(`${label}: ${done}/${total} (${(ratio * 100).toFixed(0)}%) ${detail}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
