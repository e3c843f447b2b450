// Child process for the crash-safety test: saves machine documents in a loop until killed, reporting each finished save.
import { MachineLibrary } from '../machineLibrary.ts';
import { crashRecord, seededRandom } from './sampleRecords.ts';

const [dir, seedText, poolText, firstSaveText] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: crashSaver.ts LIBRARY_DIR SEED POOL_SIZE FIRST_SAVE');
const random = seededRandom(Number(seedText ?? 1));
const poolSize = Number(poolText ?? 6);
let save = Number(firstSaveText ?? 1);

const library = await MachineLibrary.open(dir);
process.stdout.write('ready\n');
for (;;) {
  // A few machines at once, as a sync after a clone would: file operations overlap, so more kills land mid-save.
  const batch = new Set(Array.from({ length: 3 }, () => Math.floor(random() * poolSize)));
  await Promise.all(
    [...batch].map(async (index) => {
      save += 1;
      const number = save;
      await library.saveMachine(crashRecord(index, number));
      // Pipes are synchronous on POSIX: once this line is out, the parent may kill us and the save must be durable.
      process.stdout.write(`saved machine-${index} ${number}\n`);
    }),
  );
}
