/** The middle of the rounds' values (the upper middle for an even count): what the bench reports. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
