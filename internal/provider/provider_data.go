package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client   *dss.Client
	authInfo *dss.AuthInfo
	// lists is the list cache of this configuration (list_refresh.go);
	// nil with refresh_mode = "object".
	lists *listRefresh
	// settingsLocks serialises read-modify-writes of each project's
	// settings document (exposed_object_resource.go).
	settingsLocks *projectLocks
}

// clientFromProviderData extracts the client in a resource's or data
// source's Configure. It returns nil without error when the provider is not
// configured yet (validation, or a provider configuration that depends on
// values unknown until apply).
func clientFromProviderData(raw any, diags *diag.Diagnostics) *dss.Client {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *provider.providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data.client
}

// callerFromProviderData is who DSS said the API key is when the provider
// was configured; nil when it is not configured yet.
func callerFromProviderData(raw any) *dss.AuthInfo {
	if data, ok := raw.(*providerData); ok {
		return data.authInfo
	}
	return nil
}

// listsFromProviderData is the configuration's list cache, nil when
// refresh_mode is "object" or the provider is not configured yet.
func listsFromProviderData(raw any) *listRefresh {
	if data, ok := raw.(*providerData); ok {
		return data.lists
	}
	return nil
}

// errNotConfigured is reported when an operation needs DSS while the
// provider's host or key was still unknown.
var errNotConfigured = errors.New("the Dataiku provider is not configured: its host or api_key depends on values that are not known yet. " +
	"Apply the resources they depend on first (for example with -target), then apply again")

// requireClient adds an error and returns false when client is nil.
func requireClient(client *dss.Client, diags *diag.Diagnostics, summary string) bool {
	if client == nil {
		diags.AddError(summary, errNotConfigured.Error())
		return false
	}
	return true
}

// addDSSError reports a failed DSS call as a diagnostic. summary names the
// action and the object, e.g. `Cannot create dataiku_project "SALES"`; the
// detail quotes DSS's errorType and message and, for a rights problem or a
// rejected key, says what to check.
func addDSSError(diags *diag.Diagnostics, summary string, err error) {
	detail := "DSS answered: " + dssErrorText(err)
	switch {
	case dss.IsKeyRejected(err):
		detail += "\n\nDSS no longer accepts the provider's API key."
	case dss.IsUnauthorized(err):
		detail += "\n\nThe API key lacks the rights for this operation. Users, groups and API keys need an admin key. " +
			"For a project's objects, a non-admin key also gets this answer when it cannot see the project, whether or not the project exists: " +
			"grant the key's user or group access to the project, or use an admin key."
	case dss.IsOutcomeUnknown(err):
		detail += "\n\nThe request may have taken effect. Run terraform apply again: the provider checks what exists before acting."
	}
	diags.AddError(summary, detail)
}

// dssErrorText renders an error for a diagnostic: for DSS's answers the
// request, status, errorType and message; for anything else the error itself.
func dssErrorText(err error) string {
	// Both halves of an unknown outcome: the check's answer says what to do.
	var unknown *outcomeStillUnknownError
	if errors.As(err, &unknown) {
		return dssErrorText(unknown.post) + "; checking whether it took effect also failed: " + dssErrorText(unknown.check)
	}
	var apiErr *dss.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Error()
	}
	return err.Error()
}
