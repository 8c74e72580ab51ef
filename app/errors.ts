// The errors a face reports (one line, an exit code or HTTP status), re-exported so faces name them
// through the use-case layer rather than reaching into graph/.
export { PolicyGraphError, isPolicyGraphError, type ErrorCode } from '../graph/errors.js';
