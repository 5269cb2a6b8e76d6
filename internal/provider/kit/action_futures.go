package kit

// The actions that run as one DSS future: computing a dataset's
// data-quality rules and updating a code env. DSS follows them with
// /futures/{id}; the client's WaitFuture polls it and aborts it on
// timeout or interrupt.

// FutureActionTimeout bounds the wait for a future: these actions have no
// timeout attribute (the issue names none), and a run must not hang
// forever on a future DSS lost.
const FutureActionTimeout = 2 * ActionTimeoutDefault
