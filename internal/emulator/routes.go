package emulator

// routes registers every API route. Patterns are relative to BasePath and
// have no trailing slash (one trailing slash is stripped before routing).
func (s *Server) routes() {
	s.handle("GET /auth/info", s.handleAuthInfo)
	s.handle("GET /instance-info", s.handleInstanceInfo)

	// Projects (dss-api.md §2.1, §3).
	s.handle("GET /projects", s.handleListProjects)
	s.handle("POST /projects", s.handleCreateProject)
	s.handle("GET /projects/{projectKey}", s.handleGetProject)
	s.handle("DELETE /projects/{projectKey}", s.handleDeleteProject)
	s.handle("POST /projects/{projectKey}/duplicate", s.handleDuplicateProject)
	for _, f := range s.docFields() {
		s.handle("GET /projects/{projectKey}/"+f.name, s.handleGetDoc(f))
		s.handle("PUT /projects/{projectKey}/"+f.name, s.handlePutDoc(f))
	}

	// Datasets (dss-api.md §3.1 rename, §4).
	s.datasetRoutes()
	s.metricsRoutes()

	// Managed folders (dss-api.md §5.1, dss-api-more.md §6).
	s.managedFolderRoutes()
	s.dataQualityRoutes()

	// Saved models, evaluation stores, knowledge banks (mlobjects.go).
	s.mlObjectRoutes()
	s.streamingEndpointRoutes() // streamingendpoints.go

	// Flow zones (dss-api-more.md §2).
	s.zoneRoutes()
	// A project's wiki (dataikuapi/dss/wiki.py).
	s.wikiRoutes()
	s.recipeRoutes() // recipes.go

	// Git libraries (gitlibraries.go).
	s.gitLibraryRoutes()
	s.projectGitRoutes()      // projectgit.go
	s.projectLibraryRoutes()  // projectlibrary.go
	s.jupyterNotebookRoutes() // jupyternotebooks.go

	// Scenarios (dss-api.md §5.2, dss-api-more.md §3).
	s.scenarioRoutes()
	s.runRoutes() // runs.go
	s.jobRoutes() // jobs.go

	// Project folders (dss-api.md §2.2).
	s.handle("GET /project-folders", s.handleGetRootFolder)
	s.handle("GET /project-folders/{folderId}", s.handleGetFolder)
	s.handle("GET /project-folders/{a}/{b}", s.handleFolderSub)
	s.handle("POST /project-folders/{folderId}/children", s.handleCreateFolder)
	s.handle("DELETE /project-folders/{folderId}", s.handleDeleteFolder)
	s.handle("POST /project-folders/{folderId}/move", s.handleMoveFolder)
	s.handle("PUT /project-folders/{folderId}/settings", s.handlePutFolderSettings)
	s.handle("POST /project-folders/{folderId}/projects/{projectKey}/move", s.handleMoveProject)

	// Users, groups and API keys (people-contract.md).
	s.peopleRoutes()

	// Connections, code envs, general settings and instance variables
	// (dss-api.md §2.3, §2.5, §2.6).
	s.connectionRoutes()
	s.codeEnvRoutes()
	s.settingsRoutes()
	s.iamRoutes()

	// Plugins and clusters (issue 29).
	s.pluginRoutes()
	s.clusterRoutes()
	s.containerExecRoutes()
	s.sanityCheckRoutes()
	s.usersResyncRoutes()
	s.codeStudioRoutes()       // codestudios.go
	s.workspaceRoutes()        // workspaces.go
	s.dataCollectionRoutes()   // datacollections.go
	s.messagingChannelRoutes() // messagingchannels.go
	s.meaningRoutes()          // meanings.go
	s.projectStandardsRoutes() // projectstandards.go
	// Bundles, and on a design node the Project Deployer (bundles.go,
	// deployer.go).
	s.bundleRoutes()
}
