package emulator

import (
	"net/http"
)

// Clusters (issue 29; dataikuapi dssclient.py create_cluster and
// dss/admin.py DSSCluster [V] for paths and bodies): admin only [I].
// POST /admin/clusters/ {name, type, architecture, params} answers {id};
// the id is generated [I]; names are unique [I]. A cluster's state is
// NONE until started, RUNNING once started, STOPPED after a stop and NONE
// after a stop with terminate [I]; start and stop answer once done, as
// DSS's calls block.

// Cluster states [I].
const (
	ClusterNone    = "NONE"
	ClusterRunning = "RUNNING"
	ClusterStopped = "STOPPED"
)

func (s *Server) clusterRoutes() {
	s.handle("GET /admin/clusters", s.adminOnly(s.handleListClusters))
	s.handle("POST /admin/clusters", s.adminOnly(s.handleCreateCluster))
	s.handle("GET /admin/clusters/{id}", s.adminOnly(s.handleGetCluster))
	s.handle("PUT /admin/clusters/{id}", s.adminOnly(s.handlePutCluster))
	s.handle("DELETE /admin/clusters/{id}", s.adminOnly(s.handleDeleteCluster))
	s.handle("GET /admin/clusters/{id}/status", s.adminOnly(s.handleClusterStatus))
	s.handle("POST /admin/clusters/{id}/actions/start", s.adminOnly(s.handleClusterState(true)))
	s.handle("POST /admin/clusters/{id}/actions/stop", s.adminOnly(s.handleClusterState(false)))
}

func errClusterMissing(id string) *APIError { return errNotFound("Cluster not found: " + id) }

// clusterView is a cluster's settings without the emulator's state field.
func clusterView(d map[string]any) map[string]any {
	out := copyDoc(d)
	delete(out, "state")
	return out
}

func (s *Server) handleListClusters(w http.ResponseWriter, _ *http.Request) {
	out := []any{}
	_ = s.read(func(st *State) error {
		for _, id := range sortedKeys(st.Clusters) {
			d := st.Clusters[id]
			out = append(out, map[string]any{"id": id, "name": d["name"], "type": d["type"],
				"architecture": d["architecture"], "state": d["state"]})
		}
		return nil
	})
	writeJSON(w, http.StatusOK, out)
}

func clusterNameTaken(st *State, name, except string) bool {
	for id, d := range st.Clusters {
		if id != except && d["name"] == name {
			return true
		}
	}
	return false
}

func (s *Server) handleCreateCluster(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	name, _ := body["name"].(string)
	if name == "" {
		illegalArgument(w, "Cluster name is required")
		return
	}
	id := ""
	err := s.mutate(func(st *State) error {
		if clusterNameTaken(st, name, "") {
			return errIllegalArgument("A cluster named " + name + " already exists")
		}
		id = randomID(8)
		d := copyDoc(body)
		d["id"] = id
		if d["type"] == nil {
			d["type"] = "manual"
		}
		if d["architecture"] == nil {
			d["architecture"] = "HADOOP"
		}
		if d["params"] == nil {
			d["params"] = map[string]any{}
		}
		d["state"] = ClusterNone
		st.Clusters[id] = d
		return nil
	})
	answer(w, err, map[string]any{"id": id})
}

func (s *Server) handleGetCluster(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var out map[string]any
	err := s.read(func(st *State) error {
		d := st.Clusters[id]
		if d == nil {
			return errClusterMissing(id)
		}
		out = clusterView(d)
		return nil
	})
	answer(w, err, out)
}

func (s *Server) handlePutCluster(w http.ResponseWriter, r *http.Request) {
	body, ok := decodeObject(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	err := s.mutate(func(st *State) error {
		old := st.Clusters[id]
		if old == nil {
			return errClusterMissing(id)
		}
		name, _ := body["name"].(string)
		if name == "" {
			return errIllegalArgument("Cluster name is required")
		}
		if clusterNameTaken(st, name, id) {
			return errIllegalArgument("A cluster named " + name + " already exists")
		}
		d := copyDoc(body)
		d["id"], d["state"] = id, old["state"]
		st.Clusters[id] = d
		return nil
	})
	answer(w, err, map[string]any{})
}

func (s *Server) handleDeleteCluster(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	err := s.mutate(func(st *State) error {
		if st.Clusters[id] == nil {
			return errClusterMissing(id)
		}
		delete(st.Clusters, id)
		return nil
	})
	answer(w, err, map[string]any{})
}

func (s *Server) handleClusterStatus(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var out map[string]any
	err := s.read(func(st *State) error {
		d := st.Clusters[id]
		if d == nil {
			return errClusterMissing(id)
		}
		out = map[string]any{"state": d["state"], "data": map[string]any{}}
		return nil
	})
	answer(w, err, out)
}

// handleClusterState starts or stops a cluster; stop takes terminate and
// forceStop [V].
func (s *Server) handleClusterState(start bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		var out map[string]any
		err := s.mutate(func(st *State) error {
			d := st.Clusters[id]
			if d == nil {
				return errClusterMissing(id)
			}
			switch {
			case start:
				d["state"] = ClusterRunning
			case queryBool(r, "terminate", true):
				d["state"] = ClusterNone
			default:
				d["state"] = ClusterStopped
			}
			out = map[string]any{"state": d["state"]}
			return nil
		})
		answer(w, err, out)
	}
}
