package kit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The framework asks a validator or a plan modifier for its description
// twice, as plain text and as Markdown. The provider's read the same in
// both (a backtick is as readable plain), so each is built here from its
// description, said once, and the function that checks or plans: it is a
// value, not a type with three methods.

// described is a description that is both the plain and the Markdown one.
type described string

func (d described) Description(context.Context) string { return string(d) }

func (d described) MarkdownDescription(context.Context) string { return string(d) }

// StringCheck is a string validator: desc says what it requires.
func StringCheck(desc string, check func(context.Context, validator.StringRequest, *validator.StringResponse)) validator.String {
	return stringCheck{described(desc), check}
}

type stringCheck struct {
	described
	check func(context.Context, validator.StringRequest, *validator.StringResponse)
}

func (c stringCheck) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	c.check(ctx, req, resp)
}

// DynamicCheck is StringCheck for a dynamic attribute.
func DynamicCheck(desc string, check func(context.Context, validator.DynamicRequest, *validator.DynamicResponse)) validator.Dynamic {
	return dynamicCheck{described(desc), check}
}

type dynamicCheck struct {
	described
	check func(context.Context, validator.DynamicRequest, *validator.DynamicResponse)
}

func (c dynamicCheck) ValidateDynamic(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	c.check(ctx, req, resp)
}

// SetCheck is StringCheck for a set.
func SetCheck(desc string, check func(context.Context, validator.SetRequest, *validator.SetResponse)) validator.Set {
	return setCheck{described(desc), check}
}

type setCheck struct {
	described
	check func(context.Context, validator.SetRequest, *validator.SetResponse)
}

func (c setCheck) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	c.check(ctx, req, resp)
}

// StringPlan is a string plan modifier: desc says what it plans.
func StringPlan(desc string, plan func(context.Context, planmodifier.StringRequest, *planmodifier.StringResponse)) planmodifier.String {
	return stringPlan{described(desc), plan}
}

type stringPlan struct {
	described
	plan func(context.Context, planmodifier.StringRequest, *planmodifier.StringResponse)
}

func (p stringPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	p.plan(ctx, req, resp)
}

// Int64Plan is StringPlan for an integer.
func Int64Plan(desc string, plan func(context.Context, planmodifier.Int64Request, *planmodifier.Int64Response)) planmodifier.Int64 {
	return int64Plan{described(desc), plan}
}

type int64Plan struct {
	described
	plan func(context.Context, planmodifier.Int64Request, *planmodifier.Int64Response)
}

func (p int64Plan) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	p.plan(ctx, req, resp)
}

// ListPlan is StringPlan for a list.
func ListPlan(desc string, plan func(context.Context, planmodifier.ListRequest, *planmodifier.ListResponse)) planmodifier.List {
	return listPlan{described(desc), plan}
}

type listPlan struct {
	described
	plan func(context.Context, planmodifier.ListRequest, *planmodifier.ListResponse)
}

func (p listPlan) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	p.plan(ctx, req, resp)
}

// SetPlan is StringPlan for a set.
func SetPlan(desc string, plan func(context.Context, planmodifier.SetRequest, *planmodifier.SetResponse)) planmodifier.Set {
	return setPlan{described(desc), plan}
}

type setPlan struct {
	described
	plan func(context.Context, planmodifier.SetRequest, *planmodifier.SetResponse)
}

func (p setPlan) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	p.plan(ctx, req, resp)
}

// DynamicPlan is StringPlan for a dynamic attribute.
func DynamicPlan(desc string, plan func(context.Context, planmodifier.DynamicRequest, *planmodifier.DynamicResponse)) planmodifier.Dynamic {
	return dynamicPlan{described(desc), plan}
}

type dynamicPlan struct {
	described
	plan func(context.Context, planmodifier.DynamicRequest, *planmodifier.DynamicResponse)
}

func (p dynamicPlan) PlanModifyDynamic(ctx context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	p.plan(ctx, req, resp)
}
