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
	s.answerList(w, clusters, func(id string, d map[string]any) any {
		return map[string]any{"id": id, "name": d["name"], "type": d["type"],
			"architecture": d["architecture"], "state": d["state"]}
	})
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
	s.answerWrite(w, func(st *State) (any, error) {
		if clusterNameTaken(st, name, "") {
			return nil, errIllegalArgument("A cluster named " + name + " already exists")
		}
		id := randomID(8)
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
		return map[string]any{"id": id}, nil
	})
}

// clusters are the instance's clusters, for answerOn.
var clusters = instanceObjects{
	docs:    func(st *State) map[string]map[string]any { return st.Clusters },
	missing: errClusterMissing,
}

func (s *Server) handleGetCluster(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, clusters, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return clusterView(d), nil
	})
}

func (s *Server) handlePutCluster(w http.ResponseWriter, r *http.Request) {
	changeFound(s, w, r, clusters.find, func(st *State, id string, old map[string]any, body map[string]any) (any, error) {
		name, _ := body["name"].(string)
		if name == "" {
			return nil, errIllegalArgument("Cluster name is required")
		}
		if clusterNameTaken(st, name, id) {
			return nil, errIllegalArgument("A cluster named " + name + " already exists")
		}
		d := copyDoc(body)
		d["id"], d["state"] = id, old["state"]
		st.Clusters[id] = d
		return map[string]any{}, nil
	})
}

func (s *Server) handleDeleteCluster(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, clusters, true, func(st *State, id string, _ map[string]any) (any, error) {
		delete(st.Clusters, id)
		return map[string]any{}, nil
	})
}

func (s *Server) handleClusterStatus(w http.ResponseWriter, r *http.Request) {
	s.answerOn(w, r, clusters, false, func(_ *State, _ string, d map[string]any) (any, error) {
		return map[string]any{"state": d["state"], "data": map[string]any{}}, nil
	})
}

// handleClusterState starts or stops a cluster; stop takes terminate and
// forceStop [V].
func (s *Server) handleClusterState(start bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.answerOn(w, r, clusters, true, func(_ *State, _ string, d map[string]any) (any, error) {
			switch {
			case start:
				d["state"] = ClusterRunning
			case queryBool(r, "terminate", true):
				d["state"] = ClusterNone
			default:
				d["state"] = ClusterStopped
			}
			return map[string]any{"state": d["state"]}, nil
		})
	}
}
