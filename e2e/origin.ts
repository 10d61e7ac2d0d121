// Where the production build is served for the end-to-end tests. PW_PORT lets two checkouts
// run their tests at once without sharing (or reusing) one server.
export const PORT = Number(process.env.PW_PORT ?? 4173);
export const ORIGIN = `http://localhost:${PORT}`;
