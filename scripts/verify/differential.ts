export interface DifferentialOptions { count: number }
export async function differential(_o: unknown): Promise<number> { return 2; }
