package emulator

import "time"

// persistStats counts the writes persistence made since the server started
// (the startup snapshot excluded): how many, how many bytes, how long.
// The scale measurements (scale_test.go) read it.
type persistStats struct {
	Writes      int
	Bytes       int64
	Duration    time.Duration
	Compactions int
}

func (p *persistStats) add(n int, d time.Duration) {
	p.Writes++
	p.Bytes += int64(n)
	p.Duration += d
}

// persistCounters returns a copy of the persistence counters.
func (s *Server) persistCounters() persistStats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p := s.persisted
	if s.journal != nil {
		p.Duration += time.Duration(s.journal.syncNanos.Load()) // the journal's fsyncs, out of the lock
	}
	return p
}
