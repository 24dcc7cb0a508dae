/** Organisation clause libraries and templates (filled in by the clause-library server work). */
export default `SELECT 1;`
