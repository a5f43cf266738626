// The wasm's functions by size, from a build with a name section: where the download goes, function by
// function (docs/BENCHMARKS.md). Reproduce:
//   cmake --preset wasm -B /tmp/wprof -DCMAKE_EXE_LINKER_FLAGS="-flto -O3 --profiling-funcs" -DEVEXPORT_TESTS=OFF
//   cmake --build /tmp/wprof --target evexport_wasm -j2
//   node tests/bench/wasm-functions.mjs /tmp/wprof/evexport.wasm [name regex] [how many]
import { readFileSync } from 'node:fs';
const b = readFileSync(process.argv[2]);
let i = 8;
const leb = () => {
  let n = 0,
    s = 0,
    x;
  do {
    x = b[i++];
    n |= (x & 127) << s;
    s += 7;
  } while (x & 128);
  return n >>> 0;
};
let imports = 0,
  bodies = [],
  names = new Map();
while (i < b.length) {
  const id = b[i++];
  const size = leb();
  const end = i + size;
  if (id === 2) {
    const n = leb();
    for (let k = 0; k < n; k++) {
      let l = leb();
      i += l;
      l = leb();
      i += l;
      const kind = b[i++];
      if (kind === 0) {
        leb();
        imports++;
      } else if (kind === 1) {
        i++;
        const f = b[i++];
        leb();
        if (f & 1) leb();
      } else if (kind === 2) {
        const f = b[i++];
        leb();
        if (f & 1) leb();
      } else if (kind === 3) {
        i += 2;
      }
    }
  }
  if (id === 10) {
    const n = leb();
    for (let k = 0; k < n; k++) {
      const s = leb();
      bodies.push(s);
      i += s;
    }
  }
  if (id === 0) {
    const l = leb();
    const name = b.slice(i, i + l).toString();
    i += l;
    if (name === 'name') {
      while (i < end) {
        const sub = b[i++];
        const ss = leb();
        const se = i + ss;
        if (sub === 1) {
          const n = leb();
          for (let k = 0; k < n; k++) {
            const idx = leb();
            const nl = leb();
            names.set(idx, b.slice(i, i + nl).toString());
            i += nl;
          }
        }
        i = se;
      }
    }
  }
  i = end;
}
const rows = bodies.map((s, k) => [s, names.get(k + imports) ?? `f${k + imports}`]).sort((a, b) => b[0] - a[0]);
const filter = process.argv[3] ? new RegExp(process.argv[3]) : null;
let total = 0;
for (const [s, n] of rows) if (!filter || filter.test(n)) total += s;
console.log('total', total);
for (const [s, n] of rows.filter(([, n]) => !filter || filter.test(n)).slice(0, Number(process.argv[4] ?? 40)))
  console.log(s, n.slice(0, 150));
