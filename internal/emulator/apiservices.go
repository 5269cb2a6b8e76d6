package emulator

// A design project's API services (the API Designer) and their packages
// (dataikuapi dss/apiservice.py, dss/project.py create_api_service): a
// service is a settings document with its endpoints, made in DSS's UI
// (here by create_api_service and a settings save); a package is a
// version of the service, created under an id the caller chooses and
// never changed afterwards, which publish_package sends to a service of
// the API Deployer as one of its versions (apideployer.go).
//
// [I] A package's archive: DSS builds a zip of the service's code and
// models; the emulator's is a zip holding one manifest.json (the
// package's summary), enough for the API Deployer's version upload.
// [I] Rights: reads need any grant on the project, writes (a service, its
// settings, a package) write access, as the project's other Flow objects;
// publishing also needs the API Deployer's right (apiDeployerRight), as a
// bundle's publish needs the Project Deployer's.

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss/names"
)

func (s *Server) apiDesignerRoutes() {
	s.handle("GET /projects/{projectKey}/apiservices/", s.handleListAPIServices)
	s.handle("GET /projects/{projectKey}/apiservices", s.handleListAPIServices)
	s.handle("POST /projects/{projectKey}/apiservices/{serviceId}", s.handleCreateAPIService)
	s.handle("GET /projects/{projectKey}/apiservices/{serviceId}/settings", s.handleGetAPIServiceSettings)
	s.handle("PUT /projects/{projectKey}/apiservices/{serviceId}/settings", s.handlePutAPIServiceSettings)
	s.handle("GET /projects/{projectKey}/apiservices/{serviceId}/packages", s.handleListAPIPackages)
	s.handle("POST /projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}", s.handleCreateAPIPackage)
	s.handle("GET /projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/summary", s.handleAPIPackageSummary)
	s.handle("GET /projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/archive", s.handleAPIPackageArchive)
	s.handle("DELETE /projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}", s.handleDeleteAPIPackage)
	s.handle("POST /projects/{projectKey}/apiservices/{serviceId}/packages/{packageId}/publish", s.handlePublishAPIPackage)
}

func errAPIServiceMissing(key, id string) *APIError {
	return errNotFound(fmt.Sprintf("API service %s does not exist in project %s", id, key))
}

func errAPIPackageMissing(svc, id string) *APIError {
	return errNotFound(fmt.Sprintf("Package %s does not exist in API service %s", id, svc))
}

func apiPackageKey(svc, id string) string { return svc + "/" + id }

// answerAPIService runs fn, under lock, on the API service the path names
// in the project it names, on which the caller needs need; a service
// missing there is DSS's not-found.
func (s *Server) answerAPIService(w http.ResponseWriter, r *http.Request, lock func(func(*State) error) error, need Access,
	fn func(st *State, p *Project, svc string, doc map[string]any) (any, error),
) {
	c := callerFrom(r.Context())
	answerLocked(w, lock, func(st *State) (any, error) {
		p, err := s.projectForCaller(st, c, r.PathValue("projectKey"), need)
		if err != nil {
			return nil, err
		}
		svc := r.PathValue("serviceId")
		doc := p.APIServices[svc]
		if doc == nil {
			return nil, errAPIServiceMissing(p.ProjectKey, svc)
		}
		return fn(st, p, svc, doc)
	})
}

// answerAPIPackage is answerAPIService on the package the path names.
func (s *Server) answerAPIPackage(w http.ResponseWriter, r *http.Request, lock func(func(*State) error) error, need Access,
	fn func(st *State, p *Project, svc, id string, pkg map[string]any) (any, error),
) {
	s.answerAPIService(w, r, lock, need, func(st *State, p *Project, svc string, _ map[string]any) (any, error) {
		id := r.PathValue("packageId")
		pkg := p.APIPackages[apiPackageKey(svc, id)]
		if pkg == nil {
			return nil, errAPIPackageMissing(svc, id)
		}
		return fn(st, p, svc, id, pkg)
	})
}

// apiServiceListItem is a service as list_api_services shows it
// (DSSAPIServiceListItem: projectKey, id, name, authMethod, endpoints
// as {id, type}).
func apiServiceListItem(doc map[string]any) map[string]any {
	eps := []any{}
	list, _ := doc["endpoints"].([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		eps = append(eps, map[string]any{"id": m["id"], "type": m["type"]})
	}
	auth := "API_KEYS"
	if doc["publicAccess"] == true {
		auth = "PUBLIC"
	}
	return map[string]any{"projectKey": doc["projectKey"], "id": doc["id"], "name": doc["name"], "authMethod": auth, "endpoints": eps}
}

func (s *Server) handleListAPIServices(w http.ResponseWriter, r *http.Request) {
	s.answerInProject(w, r, s.read, AccessRead, func(p *Project) (any, error) {
		out := []any{}
		for _, id := range sortedKeys(p.APIServices) {
			out = append(out, apiServiceListItem(p.APIServices[id]))
		}
		return out, nil
	})
}

// POST /projects/{k}/apiservices/{id}: a service without endpoints.
// [I] An id already used is refused; the settings are the fields
// DSSAPIServiceSettings reads (endpoints, publicAccess, authRealm).
func (s *Server) handleCreateAPIService(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("serviceId")
	if !names.APIServiceIDPattern.MatchString(id) {
		illegalArgument(w, fmt.Sprintf("Invalid API service id %q: it must %s", id, names.APIServiceIDRule))
		return
	}
	s.answerInProject(w, r, s.mutate, AccessWrite, func(p *Project) (any, error) {
		if p.APIServices[id] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("API service %s already exists in project %s", id, p.ProjectKey))
		}
		m := copyDocs(p.APIServices)
		ensureMap(&m)
		m[id] = map[string]any{"id": id, "projectKey": p.ProjectKey, "name": id, "endpoints": []any{},
			"publicAccess": false, "authRealm": map[string]any{"queryKeys": []any{}}}
		p.APIServices = m
		return nil, nil
	})
}

func (s *Server) handleGetAPIServiceSettings(w http.ResponseWriter, r *http.Request) {
	s.answerAPIService(w, r, s.read, AccessRead, func(_ *State, _ *Project, _ string, doc map[string]any) (any, error) {
		return copyDoc(doc), nil
	})
}

// PUT .../settings replaces the settings. [I] The id and project key are
// the service's own, whatever the body says; endpoints must be a list.
func (s *Server) handlePutAPIServiceSettings(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	s.answerAPIService(w, r, s.mutate, AccessWrite, func(_ *State, p *Project, svc string, old map[string]any) (any, error) {
		if _, isList := body["endpoints"].([]any); !isList {
			return nil, errIllegalArgument("Invalid API service settings: endpoints must be a list")
		}
		doc := copyDoc(body)
		doc["id"], doc["projectKey"] = old["id"], old["projectKey"]
		m := copyDocs(p.APIServices)
		m[svc] = doc
		p.APIServices = m
		return nil, nil
	})
}

// GET .../packages: list_packages' {id, createdOn}, in id order.
func (s *Server) handleListAPIPackages(w http.ResponseWriter, r *http.Request) {
	s.answerAPIService(w, r, s.read, AccessRead, func(_ *State, p *Project, svc string, _ map[string]any) (any, error) {
		out := []any{}
		for _, slot := range sortedKeys(p.APIPackages) {
			if strings.HasPrefix(slot, svc+"/") {
				pkg := p.APIPackages[slot]
				out = append(out, map[string]any{"id": pkg["id"], "createdOn": pkg["createdOn"]})
			}
		}
		return out, nil
	})
}

// POST .../packages/{id}?releaseNotes=: a package of the service as it
// is now. [I] Refusals: an id already packaged in the service (as a
// bundle's), an id that is blank or holds a slash. [I] The summary holds
// the id, the service and project, when and by whom it was made, the
// release notes and the endpoints ({id, type}) it packages.
func (s *Server) handleCreateAPIPackage(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	id := r.PathValue("packageId")
	if !names.IDPattern.MatchString(id) {
		illegalArgument(w, fmt.Sprintf("Invalid package id %q: it must %s", id, names.IDRule))
		return
	}
	notes := r.URL.Query().Get("releaseNotes")
	s.answerAPIService(w, r, s.mutate, AccessWrite, func(_ *State, p *Project, svc string, doc map[string]any) (any, error) {
		slot := apiPackageKey(svc, id)
		if p.APIPackages[slot] != nil {
			return nil, newError(StatusDuplicate, ErrTypeIllegalArgument, fmt.Sprintf("Package %s already exists in API service %s", id, svc))
		}
		m := copyDocs(p.APIPackages)
		ensureMap(&m)
		m[slot] = map[string]any{"id": id, "serviceId": svc, "projectKey": p.ProjectKey, "createdOn": nowMillis(), "createdBy": c.Login,
			"releaseNotes": notes, "endpoints": apiServiceListItem(doc)["endpoints"]}
		p.APIPackages = m
		return nil, nil
	})
}

func (s *Server) handleAPIPackageSummary(w http.ResponseWriter, r *http.Request) {
	s.answerAPIPackage(w, r, s.read, AccessRead, func(_ *State, _ *Project, _, _ string, pkg map[string]any) (any, error) {
		sum := copyDoc(pkg)
		if s.opts.PackageSummaryWithoutReleaseNotes {
			delete(sum, "releaseNotes")
		}
		return sum, nil
	})
}

// SetPackageSummaryWithoutReleaseNotes switches
// Options.PackageSummaryWithoutReleaseNotes for the summaries that follow.
func (s *Server) SetPackageSummaryWithoutReleaseNotes(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.PackageSummaryWithoutReleaseNotes = on
}

// apiPackageArchive is the emulator's archive of pkg (see above).
func apiPackageArchive(pkg map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create("manifest.json")
	if err == nil {
		err = json.NewEncoder(f).Encode(pkg)
	}
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return buf.Bytes(), err
}

// GET .../archive: the package's zip (see above).
func (s *Server) handleAPIPackageArchive(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	var data []byte
	err := s.read(func(st *State) error {
		p, err := s.projectForCaller(st, c, r.PathValue("projectKey"), AccessRead)
		if err != nil {
			return err
		}
		svc, id := r.PathValue("serviceId"), r.PathValue("packageId")
		if p.APIServices[svc] == nil {
			return errAPIServiceMissing(p.ProjectKey, svc)
		}
		pkg := p.APIPackages[apiPackageKey(svc, id)]
		if pkg == nil {
			return errAPIPackageMissing(svc, id)
		}
		var zerr error
		if data, zerr = apiPackageArchive(pkg); zerr != nil {
			return newError(http.StatusInternalServerError, ErrTypeRuntime, zerr.Error())
		}
		return nil
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	_, _ = w.Write(data)
}

func (s *Server) handleDeleteAPIPackage(w http.ResponseWriter, r *http.Request) {
	s.answerAPIPackage(w, r, s.mutate, AccessWrite, func(_ *State, p *Project, svc, id string, _ map[string]any) (any, error) {
		p.APIPackages = withoutDoc(p.APIPackages, apiPackageKey(svc, id))
		return nil, nil
	})
}

// POST .../packages/{id}/publish?publishedServiceId=: the package becomes
// a version of the API Deployer's service publishedServiceId (the design
// service's id when omitted), which DSS creates when none has that id
// (publish_package's docstring). A version the service already holds is
// refused, as an upload of it (addServiceVersion).
func (s *Server) handlePublishAPIPackage(w http.ResponseWriter, r *http.Request) {
	c := callerFrom(r.Context())
	target := cmp.Or(r.URL.Query().Get("publishedServiceId"), r.PathValue("serviceId"))
	s.answerAPIPackage(w, r, s.mutate, AccessWrite, func(st *State, _ *Project, _, id string, _ map[string]any) (any, error) {
		if err := apiDeployerRight(c); err != nil {
			return nil, err
		}
		if !names.IDPattern.MatchString(target) {
			return nil, errIllegalArgument(fmt.Sprintf("Invalid API service id %q: it must %s", target, names.IDRule))
		}
		d := st.deployer()
		created := d.APIServices[target] == nil
		if created {
			d.APIServices[target] = &PublishedService{Settings: newPublished(target, c.Login).Settings, Versions: map[string]map[string]any{}}
		}
		if err := d.addServiceVersion(target, id, c.Login); err != nil {
			if created {
				delete(d.APIServices, target)
			}
			return nil, err
		}
		return map[string]any{"publishedServiceId": target, "version": id}, nil
	})
}
