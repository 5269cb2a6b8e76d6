package acctest

import (
	"net"
	"strconv"
	"testing"
)

// TestFixedPort: the port is free (it can be listened on) and below the
// ephemeral range, so that no listener on port 0 is ever given it.
func TestFixedPort(t *testing.T) {
	low := ephemeralPortsStart()
	for range 20 {
		addr := FixedPort(t)
		_, port, err := net.SplitHostPort(addr)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := strconv.Atoi(port); n < 20000 || n >= low {
			t.Fatalf("FixedPort gave %s: not in [20000, %d)", addr, low)
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("FixedPort gave %s, which cannot be listened on: %v", addr, err)
		}
		_ = ln.Close()
	}
}

// TestFixedPortNeverTwice: ports given back to back differ, though each is
// free again as soon as FixedPort has checked it. 1,000 random draws from
// about 12,000 ports would repeat one almost surely without that rule.
func TestFixedPortNeverTwice(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		addr := FixedPort(t)
		if seen[addr] {
			t.Fatalf("FixedPort gave %s twice", addr)
		}
		seen[addr] = true
	}
}
