package instance

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// NewMessagingChannelDataSource returns the dataiku_messaging_channel
// data source.
func NewMessagingChannelDataSource() datasource.DataSource {
	return &kit.DataSource[messagingChannelModel]{Name: "messaging_channel", Mirror: &messagingChannelDataSourceSchema,
		ReadObject: kit.ReadAsImport(readMessagingChannel, func(cfg *messagingChannelModel) messagingChannelModel { return messagingChannelModel{ID: cfg.ID} }), Named: func(m *messagingChannelModel) string { return m.ID.ValueString() }}
}

// messagingChannelDataSourceSchema is the resource's schema, computed,
// read by id, without the secrets.
var messagingChannelDataSourceSchema = kit.MirroredSchema{Resource: NewMessagingChannelResource,
	Description: "Reads one DSS messaging channel by id: its type, its configuration without secrets, and who may use it " +
		"(3 API calls; reading the configuration and permissions needs an administrator's API key).",
	Own: map[string]schema.Attribute{
		"id": schema.StringAttribute{Required: true, MarkdownDescription: "The channel's id.",
			Validators: messagingChannelIDValidators},
	},
	Describe: map[string]string{
		"type":        "The channel's type (`smtp`, `slack`, ...).",
		"settings":    "Every key of the channel's configuration except the secrets (" + secretKeysText + "), under DSS's names.",
		"permissions": "Every permission entry DSS holds; an empty set lets every user use the channel.",
	},
}
