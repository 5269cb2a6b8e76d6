package dss

import "context"

// AuthInfo is what DSS says about the caller of GET /auth/info.
type AuthInfo struct {
	AuthIdentifier    string   `json:"authIdentifier"`
	Groups            []string `json:"groups"`
	AssociatedDSSUser string   `json:"associatedDSSUser"`
	UserProfile       string   `json:"userProfile"`
	Admin             bool     `json:"admin"`
}

// AuthInfo checks the credentials and returns who they belong to. It also
// records DSS's version from the response headers.
func (c *Client) AuthInfo(ctx context.Context) (*AuthInfo, error) {
	var info AuthInfo
	if err := c.Get(ctx, "/auth/info", nil, &info); err != nil {
		return nil, err
	}
	return &info, nil
}
