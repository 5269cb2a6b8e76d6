package acctest

const RouteDatasetList = "GET /public/api/projects/{projectKey}/datasets"

const RouteFolderList = "GET /public/api/projects/{projectKey}/managedfolders"
