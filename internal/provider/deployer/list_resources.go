package deployer

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// The deployers' list resources: each kind is listed by one request of
// its deployer (GET /project-deployer/infras and its kin), whose elements
// are light statuses named by the basic info of their kind.

// deployerList is the list of a deployer's kind, but its Kind (set by
// the caller): what it lists (the objects, e.g. "the Project Deployer's
// infrastructures"), the request's route and method, and how an element
// is shown (its key's one part and its display name).
func deployerList[M any](what, route string, request func(c *dss.Client, ctx context.Context) ([]dss.DeployerLight, error),
	show func(x dss.DeployerLight) (id, display string),
) kit.ListKind[M, kit.NoListFilters] {
	return kit.ListKind[M, kit.NoListFilters]{
		Description: "Lists " + what + " (what the key may see: an administrator of the deployer sees them all)." +
			kit.ListCost("1 request (`GET "+route+"`); the resource object costs each object's read."),
		Filters: map[string]listschema.Attribute{},
		List: kit.ListBy(what+" (GET "+route+")", request, func(_ *kit.Lister, _ *kit.NoListFilters, x dss.DeployerLight) (kit.Listed, bool) {
			id, display := show(x)
			return kit.Listed{Key: []string{id}, Display: display}, id != ""
		}),
	}
}

// infraDisplay is an infrastructure's id and stage.
func infraDisplay(x dss.DeployerLight) (string, string) {
	b := x.InfraBasicInfo
	if b.Stage == "" {
		return b.ID, b.ID
	}
	return b.ID, b.ID + " (" + b.Stage + ")"
}

// NewProjectDeployerInfraList lists the Project Deployer's infrastructures.
func NewProjectDeployerInfraList() list.ListResource {
	l := deployerList[deployerInfraModel]("the Project Deployer's infrastructures", "/project-deployer/infras",
		(*dss.Client).ListInfras, infraDisplay)
	l.Kind = deployerInfraKind{}
	return kit.NewList(l)
}

// NewPublishedProjectList lists the Project Deployer's published projects.
func NewPublishedProjectList() list.ListResource {
	l := deployerList[publishedProjectModel]("the Project Deployer's published projects", "/project-deployer/projects",
		(*dss.Client).ListPublishedProjects, func(x dss.DeployerLight) (string, string) {
			return x.ProjectBasicInfo.ID, kit.NameOr(x.ProjectBasicInfo.Name, x.ProjectBasicInfo.ID)
		})
	l.Kind = publishedProjectKind{}
	return kit.NewList(l)
}

// NewProjectDeploymentList lists the Project Deployer's deployments.
func NewProjectDeploymentList() list.ListResource {
	l := deployerList[deploymentModel]("the Project Deployer's deployments", "/project-deployer/deployments",
		(*dss.Client).ListDeployments, func(x dss.DeployerLight) (string, string) {
			b := x.DeploymentBasicInfo
			return b.ID, deploymentDisplay(b.ID, b.PublishedProjectKey, b.InfraID)
		})
	l.Kind = deploymentKind{}
	return kit.NewList(l)
}

// NewAPIDeployerInfraList lists the API Deployer's infrastructures.
func NewAPIDeployerInfraList() list.ListResource {
	l := deployerList[apiInfraModel]("the API Deployer's infrastructures", "/api-deployer/infras",
		(*dss.Client).ListAPIInfras, infraDisplay)
	l.Kind = apiInfraKind{}
	return kit.NewList(l)
}

// NewPublishedAPIServiceList lists the API Deployer's published services.
func NewPublishedAPIServiceList() list.ListResource {
	l := deployerList[publishedAPIServiceModel]("the API Deployer's published API services", "/api-deployer/services",
		(*dss.Client).ListPublishedAPIServices, func(x dss.DeployerLight) (string, string) {
			return x.ServiceBasicInfo.ID, kit.NameOr(x.ServiceBasicInfo.Name, x.ServiceBasicInfo.ID)
		})
	l.Kind = publishedAPIServiceKind{}
	return kit.NewList(l)
}

// NewAPIDeploymentList lists the API Deployer's deployments.
func NewAPIDeploymentList() list.ListResource {
	l := deployerList[apiDeploymentModel]("the API Deployer's deployments", "/api-deployer/deployments",
		(*dss.Client).ListAPIDeployments, func(x dss.DeployerLight) (string, string) {
			b := x.DeploymentBasicInfo
			return b.ID, deploymentDisplay(b.ID, b.PublishedServiceID, b.InfraID)
		})
	l.Kind = apiDeploymentKind{}
	return kit.NewList(l)
}

// deploymentDisplay is a deployment's id, what it deploys and where.
func deploymentDisplay(id, what, infra string) string {
	if what == "" || infra == "" {
		return id
	}
	return id + " (" + what + " on " + infra + ")"
}
