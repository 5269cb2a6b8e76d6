package names

// DSS's vocabulary of jobs and scenario runs, stated once for the client
// (internal/dss), which follows them, and the emulator, which plays them.
// Facts only, as in vocab.go: each side applies them with its own code.

// JobTypes are the job types DSS's job API names [V JobDefinitionBuilder].
var JobTypes = []string{"NON_RECURSIVE_FORCED_BUILD", "RECURSIVE_BUILD", "RECURSIVE_FORCED_BUILD", "RECURSIVE_MISSING_ONLY_BUILD"}

// Job states, a job's and each of its activities' [V DSSJobWaiter].
const (
	JobNotStarted = "NOT_STARTED"
	JobRunning    = "RUNNING"
	JobDone       = "DONE"
	JobFailed     = "FAILED"
	JobAborted    = "ABORTED"
)

// Outcomes of a scenario run and of its steps, mildest first [V
// DSSScenarioRun.outcome].
const (
	OutcomeSuccess = "SUCCESS"
	OutcomeWarning = "WARNING"
	OutcomeFailed  = "FAILED"
	OutcomeAborted = "ABORTED"
)

// DuplicationModes are the modes of a project's duplication
// (POST /projects/{key}/duplicate/), MINIMAL being DSS's default
// [V dataikuapi DSSProject.duplicate].
var DuplicationModes = []string{"MINIMAL", "SHARING", "FULL", "NONE"}

// DefaultDuplicationMode is the mode dataikuapi sends when none is given.
const DefaultDuplicationMode = "MINIMAL"
