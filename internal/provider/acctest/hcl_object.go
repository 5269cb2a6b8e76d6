package acctest

import (
	"testing"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

func JSONOf(t *testing.T, text string) map[string]any {
	t.Helper()
	m, err := kit.DecodeJSONObjectText(text)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
