package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Containerized execution's instance-wide tasks and code studio templates.
// Paths and parameters are dataikuapi's [V] (dssclient.py push_base_images,
// apply_kubernetes_namespaces_policies, build_cde_plugins_image,
// list_code_studio_templates; dss/admin.py DSSCodeStudioTemplate and its
// settings). Each task answers a future (DSSFuture.from_resp). What they do
// not say is [I]:
//   - the three container-exec tasks are admin only, like every /admin call;
//   - pushing base images, and building a template, need a container
//     execution configuration to build for (general settings'
//     containerSettings.executionConfigs): without one the task ends with an
//     error message, as a build that has nowhere to push;
//   - a template's build needs a caller that acts as a user (dataikuapi: "an
//     API key which has an user to impersonate set, or a personal API key");
//     a global key without one gets DSS's "not associated with a user";
//   - templates cannot be created through the API: the emulator holds the
//     ones SetCodeStudioTemplates (or the control route) gives it. A build
//     records lastBuilt and the configurations it built for (buildFor).

func (s *Server) containerExecRoutes() {
	for _, task := range []string{"push-base-images", "apply-kubernetes-policies", "build-cde-plugins-image"} {
		s.handle("POST /admin/container-exec/actions/"+task, s.adminOnly(s.handleContainerExecTask(task)))
	}
	s.handle("GET /admin/code-studios", s.adminOnly(s.handleListCodeStudioTemplates))
	s.handle("GET /admin/code-studios/{id}", s.adminOnly(s.handleGetCodeStudioTemplate))
	s.handle("PUT /admin/code-studios/{id}", s.adminOnly(s.handlePutCodeStudioTemplate))
	s.handle("POST /admin/code-studios/{id}/build", s.adminOnly(s.handleBuildCodeStudioTemplate))
}

// Messages of the container tasks [I].
const (
	MsgNoContainerConfig    = "No containerized execution configuration is defined: nothing to build for"
	msgContainerTaskDone    = "%s: done for %s"
	MsgTemplateNoConfigs    = "The template builds for no containerized execution configuration"
	containerTaskPushImages = "push-base-images"
)

// containerExecConfigNames are the names of the general settings'
// containerized execution configurations, in their order.
func containerExecConfigNames(st *State) []string {
	cs, _ := st.GeneralSettings["containerSettings"].(map[string]any)
	list, _ := cs["executionConfigs"].([]any)
	var names []string
	for _, c := range list {
		if m, ok := c.(map[string]any); ok {
			if n, _ := m["name"].(string); n != "" {
				names = append(names, n)
			}
		}
	}
	return names
}

// taskResult is a finished task's result: DSS's operation messages, one
// error or one informational message.
func taskResult(title, message string, failed bool) map[string]any {
	severity := "INFO"
	if failed {
		severity = "ERROR"
	}
	return map[string]any{"messages": operationMessages(map[string]any{"severity": severity, "title": title, "message": message})}
}

// handleContainerExecTask starts one of the instance's container tasks.
// Pushing base images needs a configuration to push for; applying the
// namespaces' policies and building the CDE image do not [I].
func (s *Server) handleContainerExecTask(task string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var result map[string]any
		_ = s.read(func(st *State) error {
			names := containerExecConfigNames(st)
			if task == containerTaskPushImages && len(names) == 0 {
				result = taskResult("Failed to push base images", MsgNoContainerConfig, true)
			} else {
				result = taskResult(task, fmt.Sprintf(msgContainerTaskDone, task, strings.Join(names, ", ")), false)
			}
			return nil
		})
		s.startTask(w, result)
	}
}

// codeStudioTemplates are the instance's templates, for answerOn.
var codeStudioTemplates = instanceObjects{
	docs: func(st *State) map[string]map[string]any { return st.CodeStudioTemplates },
	missing: func(id string) *APIError {
		return errNotFound("Code studio template " + id + " not found")
	},
}

// handleListCodeStudioTemplates answers the list items [V
// DSSCodeStudioTemplateListItem: id, label, buildFor, lastBuilt].
func (s *Server) handleListCodeStudioTemplates(w http.ResponseWriter, _ *http.Request) {
	s.answerList(w, codeStudioTemplates, func(id string, d map[string]any) any {
		item := map[string]any{"id": id, "label": d["label"], "type": d["type"], "buildFor": deepCopy(d["buildFor"])}
		if d["lastBuilt"] != nil {
			item["lastBuilt"] = d["lastBuilt"]
		}
		return item
	})
}

// codeStudioTemplateView is a template's settings without the emulator's
// build record.
func codeStudioTemplateView(d map[string]any) map[string]any {
	out := copyDoc(d)
	delete(out, "buildFor")
	delete(out, "lastBuilt")
	return out
}

func (s *Server) handleGetCodeStudioTemplate(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, codeStudioTemplates, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return codeStudioTemplateView(d), nil
	})
}

// handlePutCodeStudioTemplate saves a template's settings whole [V
// DSSCodeStudioTemplateSettings.save]; its id and build record stay.
func (s *Server) handlePutCodeStudioTemplate(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, codeStudioTemplates.find, func(st *State, id string, old map[string]any, body map[string]any) (any, error) {
		d := copyDoc(body)
		d["id"] = id
		for _, k := range []string{"buildFor", "lastBuilt"} {
			if old[k] != nil {
				d[k] = old[k]
			}
		}
		st.CodeStudioTemplates[id] = d
		return map[string]any{}, nil
	})
}

// templateBuildTargets are the configurations a template builds for: all
// of them (allContainerConfs), or those of containerConfs that exist.
func templateBuildTargets(st *State, d map[string]any) []string {
	names := containerExecConfigNames(st)
	if all, _ := d["allContainerConfs"].(bool); all {
		return names
	}
	var out []string
	for _, n := range stringList(d["containerConfs"]) {
		if slices.Contains(names, n) {
			out = append(out, n)
		}
	}
	return out
}

// handleBuildCodeStudioTemplate starts a template's build (withNoCache
// [V]) and records it; the answer is a future.
func (s *Server) handleBuildCodeStudioTemplate(w http.ResponseWriter, r *http.Request) {
	if !callerFrom(r.Context()).HasUser {
		writeErr(w, errIllegalArgument(MsgNoUserForKey))
		return
	}
	var result map[string]any
	err := s.mutate(func(st *State) error {
		id := r.PathValue("id")
		d := st.CodeStudioTemplates[id]
		if d == nil {
			return codeStudioTemplates.missing(id)
		}
		targets := templateBuildTargets(st, d)
		if len(targets) == 0 {
			msg := MsgNoContainerConfig
			if len(containerExecConfigNames(st)) > 0 {
				msg = MsgTemplateNoConfigs
			}
			result = taskResult("Failed to build code studio template "+id, msg, true)
			return nil
		}
		d["buildFor"] = anyList(targets)
		d["lastBuilt"] = nowMillis()
		result = taskResult("Code studio template built", fmt.Sprintf("Built %s for %s (no cache: %t)",
			id, strings.Join(targets, ", "), queryBool(r, "withNoCache", false)), false)
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	s.startTask(w, result)
}

// SetCodeStudioTemplates replaces the instance's code studio templates
// (DSS's API cannot create them): each needs an id; label and type
// default to the id and "block_based" [I], and a template builds for every
// configuration unless it says otherwise.
func (s *Server) SetCodeStudioTemplates(templates []map[string]any) error {
	for _, t := range templates {
		if id, _ := t["id"].(string); id == "" {
			return fmt.Errorf("a code studio template needs an id")
		}
	}
	return s.mutate(func(st *State) error {
		st.CodeStudioTemplates = map[string]map[string]any{}
		for _, t := range templates {
			d := copyDoc(t)
			id, _ := d["id"].(string)
			if d["label"] == nil {
				d["label"] = id
			}
			if d["type"] == nil {
				d["type"] = "block_based"
			}
			if d["allContainerConfs"] == nil && d["containerConfs"] == nil {
				d["allContainerConfs"] = true
			}
			st.CodeStudioTemplates[id] = d
		}
		return nil
	})
}

// startTask answers a task's future, which ends after the code env build
// time with result: these calls have no wait parameter, so the answer is
// always a future [V DSSFuture.from_resp].
func (s *Server) startTask(w http.ResponseWriter, result map[string]any) {
	writeJSON(w, http.StatusOK, s.futures.start(s.CodeEnvBuildTime(), result, false))
}
