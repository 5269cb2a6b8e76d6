package names

import "testing"

// The rules accept every name real DSS projects hold (issue 23) and refuse
// only what cannot be addressed: a dot in a ref name, a slash anywhere, a
// blank.
func TestRules(t *testing.T) {
	for _, c := range []struct {
		name    string
		pattern interface{ MatchString(string) bool }
		ok, bad []string
	}{
		{"project key", ProjectKeyPattern,
			[]string{"SALES", "sales_2024", "A", "X0123456789012345678901234567890123456789012345678901234567890123456789"},
			[]string{"", "SALES-1", "SALES.X", "SALES X", "ÉTÉ"}},
		{"ref name", RefNamePattern,
			[]string{"orders", "disk-usage", "images-list", "compute_disk-usage", "a b", "été", "1x"},
			[]string{"", " ", "a.b", "a/b", "a\nb", ".", "\t"}},
		// Real instances name connections with spaces and parentheses.
		{"connection name", ConnectionNamePattern,
			[]string{"Default (in DSS data dir.)", "my conn", "conexión", "pg.prod", "filesystem_managed", "s3-eu"},
			[]string{"", "  ", "a/b", "a\tb", "a\x7f"}},
		{"zone color", ZoneColorPattern,
			[]string{"#2ab1ac", "#2AB1AC", "#000000", ""},
			[]string{"red", "#2ab1a", "2ab1ac", "#2ab1acff", "#gggggg", " "}},
		// Digits are allowed after the first character (OAUTH2_...).
		{"enum name", EnumNamePattern,
			[]string{"GLOBAL", "PER_USER", "DATA_SCIENTIST", "OAUTH2_PER_USER", "DESIGNER_2", "_X", "DATASET"},
			[]string{"", "per_user", "Global", "DATA SCIENTIST", "2X", "PER-USER", "É"}},
		// Nothing documents a bundle id rule: only a blank or a slash is refused.
		{"bundle id", BundleIDPattern,
			[]string{"v1.2.0", "2024-05-01_hotfix", "release 1", "_r1+hotfix"},
			[]string{"", " ", "v/1", "v\n1"}},
		{"id", IDPattern,
			[]string{"CHECKMODELDRIFT", "Check_model_drift", "a.b", "x-y", "default", "AbC1234"},
			[]string{"", "  ", "a/b", "a\x00"}},
	} {
		for _, s := range c.ok {
			if !c.pattern.MatchString(s) {
				t.Errorf("%s %q refused", c.name, s)
			}
		}
		for _, s := range c.bad {
			if c.pattern.MatchString(s) {
				t.Errorf("%s %q accepted", c.name, s)
			}
		}
	}
}

func TestRefPattern(t *testing.T) {
	for _, ok := range []string{"orders", "disk-usage", "SALES.disk-usage", "OTHER_2.x1Yz9AbC"} {
		if !RefPattern.MatchString(ok) {
			t.Errorf("ref %q refused", ok)
		}
	}
	for _, bad := range []string{"", "A.B.c", "SALES-1.x", ".x", "SALES.", "a/b", "SALES.a/b"} {
		if RefPattern.MatchString(bad) {
			t.Errorf("ref %q accepted", bad)
		}
	}
}

// The connection type a dataset type needs: the fact the provider checks
// before creating a dataset and the emulator checks on POST.
func TestConnectionTypeFor(t *testing.T) {
	for typ, want := range map[string]string{"Filesystem": "Filesystem", "S3": "EC2", "SFTP": "SSH", "SCP": "SSH", "PostgreSQL": "PostgreSQL", "UploadedFiles": "", "Inline": "", "myplugin_type": ""} {
		got, checked := ConnectionTypeFor(typ)
		if got != want || checked != (want != "") {
			t.Errorf("ConnectionTypeFor(%q) = %q, %t; want %q", typ, got, checked, want)
		}
	}
}

// A secret in a URL's user information is a password, or a user name that
// is a token; a person's or a bot's login, however long its words, is not.
func TestURLHoldsCredential(t *testing.T) {
	for u, want := range map[string]bool{
		"https://bot:tok@git.example.com/org/r.git":                                    true,
		"https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/org/r.git":        true,
		"https://gho_16C7e42F292c6912E7710c838347Ae178B4a@github.com/org/r.git":        true,
		"https://github_pat_11ABCDEFG0123456789_abcdefghijklmnop@github.com/org/r":     true,
		"https://glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.com/org/r.git":                      true,
		"https://k3xq7vyb2m5n4p6r8s9t0u1w2x3y4z5a6b7c8d9e0f1g2h3i4j5k@dev.azure.com/o": true,
		"https://0123456789abcdef0123456789abcdef01234567@github.com/org/r.git":        true,
		"https://bot@git.example.com/org/r.git":                                        false,
		"https://bot:@git.example.com/org/r.git":                                       false,
		"https://dataiku-automation-service-account-01@git.example.com/org/r.git":      false,
		"https://ghp_short@github.com/org/r.git":                                       false,
		"ssh://git@git.example.com/org/r.git":                                          false,
		"git@github.com:org/r.git":                                                     false,
		"https://github.com/org/r.git":                                                 false,
		"/srv/git/r.git":                                                               false,
	} {
		if got := URLHoldsCredential(u); got != want {
			t.Errorf("URLHoldsCredential(%q) = %v, want %v", u, got, want)
		}
	}
}
