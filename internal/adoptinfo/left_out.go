package adoptinfo

// What an adoption leaves out by default, whether dss-adopt or the
// provider's list resources (terraform query) find the objects: objects
// DSS creates and relies on, which a configuration that owns them could
// destroy.

import (
	"fmt"
	"slices"
)

// BuiltinGroups are the groups DSS creates at installation and relies on:
// administrators is where the admin rights of the install's first user
// (and of admin keys) come from, so that deleting it through Terraform
// would lock the instance out.
var BuiltinGroups = []string{"administrators"}

// DSSManagedConnectionTypes are connection types DSS creates and manages
// itself: UploadedFiles is the store behind the "upload your files"
// screen, which DSS sets up at installation.
var DSSManagedConnectionTypes = []string{"UploadedFiles"}

// BuiltinConnections are the connections DSS creates at installation,
// which its own features (managed datasets and folders, uploads) rely on:
// left out unless asked for (dss-adopt --include-builtin, the connection
// list's include_builtin).
var BuiltinConnections = []string{"filesystem_managed", "filesystem_root", "filesystem_folders"}

// PluginCodeEnvModes are the deployment modes of code envs that a plugin
// creates and rebuilds itself.
var PluginCodeEnvModes = []string{"PLUGIN_MANAGED", "PLUGIN_NON_MANAGED"}

// DSSInternalCodeEnvModes are the deployment modes of DSS's own code envs,
// which DSS creates and manages itself (DSS_INTERNAL: [V] dataikuapi's
// DSSCodeEnvSettings.get_raw lists it among the possible values).
var DSSInternalCodeEnvModes = []string{"DSS_INTERNAL"}

// CodeEnvLeftOut says why a code env of deployment mode mode is left out
// of adoption and of the list, or "" when it is not.
func CodeEnvLeftOut(mode string) string {
	switch {
	case slices.Contains(PluginCodeEnvModes, mode):
		return fmt.Sprintf("deployment mode %s: its plugin creates and rebuilds it", mode)
	case slices.Contains(DSSInternalCodeEnvModes, mode):
		return fmt.Sprintf("deployment mode %s: DSS's own env, which DSS creates and manages itself", mode)
	}
	return ""
}
