import { randomBytes, randomInt, randomUUID } from "node:crypto";

/** Injected so tests can make codes predictable; production uses the CSPRNG. */
export interface Random {
  bytes(n: number): Buffer;
  /** A string of `n` decimal digits, uniformly distributed. */
  digits(n: number): string;
  uuid(): string;
}

export const cryptoRandom: Random = {
  bytes: (n) => randomBytes(n),
  digits: (n) => {
    let out = "";
    for (let i = 0; i < n; i++) out += String(randomInt(10));
    return out;
  },
  uuid: () => randomUUID(),
};
