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
// records DSS's version from the response headers, and the answer for
// Caller.
func (c *Client) AuthInfo(ctx context.Context) (*AuthInfo, error) {
	var info AuthInfo
	if err := c.Get(ctx, "/auth/info", nil, &info); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.caller = &info
	c.mu.Unlock()
	return cloneAuthInfo(&info), nil
}

// Caller is who the API key is, from the last successful AuthInfo of
// this client (the provider's Configure makes one), asking DSS only when
// there is none yet. A key's identity does not change while a Terraform
// command runs, and asking again on every project create cost one request
// per project.
func (c *Client) Caller(ctx context.Context) (*AuthInfo, error) {
	c.mu.Lock()
	known := c.caller
	c.mu.Unlock()
	if known != nil {
		return cloneAuthInfo(known), nil
	}
	return c.AuthInfo(ctx)
}

// cloneAuthInfo copies info, so that no caller can change the one Caller
// keeps.
func cloneAuthInfo(info *AuthInfo) *AuthInfo {
	out := *info
	out.Groups = append([]string(nil), info.Groups...)
	return &out
}
