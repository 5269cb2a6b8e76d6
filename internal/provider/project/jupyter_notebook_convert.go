package project

import (
	"strings"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/provider/kit"
)

// A notebook's content is compared by what a practitioner manages: its
// cells (type, source, metadata, attachments), its kernel
// (metadata.kernelspec), the rest of its metadata and its format. Running
// the notebook is not a change: each cell's outputs and execution count
// are left out of every comparison, and so is what the kernel and DSS
// write in metadata (notebookUnmanagedMetadata). Beyond that, the subset
// rule, at every depth: a key the configuration does not write may hold
// anything in DSS (DSS's own keys, cell ids, the editor's cell metadata),
// while a list (the cells, a source given as lines, tags) must have
// exactly the configuration's length.

// notebookUnmanagedCellKeys are what running a cell writes: nbformat's
// outputs and execution_count, and the executionCount dataikuapi's
// get_cells docstring names [V].
var notebookUnmanagedCellKeys = []string{"outputs", "execution_count", "executionCount"}

// notebookUnmanagedMetadata are the metadata keys DSS writes on every
// save (creator, createdOn, modifiedBy [V get_metadata's docstring]) and
// the one the kernel rewrites when it runs (language_info: its exact
// version [V get_metadata's docstring; nbformat]).
var notebookUnmanagedMetadata = []string{"creator", "createdOn", "modifiedBy", "language_info"}

// notebookWithoutUnmanaged is a copy of a notebook document without what
// the provider does not manage: the metadata DSS and the kernel write, and
// each cell's outputs and execution count. cell, when set, then sees each
// cell of the copy.
func notebookWithoutUnmanaged(doc map[string]any, cell func(c map[string]any)) map[string]any {
	out, _ := kit.DeepCopyJSON(doc).(map[string]any)
	if meta, ok := out["metadata"].(map[string]any); ok {
		for _, k := range notebookUnmanagedMetadata {
			delete(meta, k)
		}
	}
	cells, _ := out["cells"].([]any)
	for _, c := range cells {
		if c, ok := c.(map[string]any); ok {
			for _, k := range notebookUnmanagedCellKeys {
				delete(c, k)
			}
			if cell != nil {
				cell(c)
			}
		}
	}
	return out
}

// notebookManagedView is what the provider compares of a notebook: its
// document without what it does not manage, each cell's source as one
// string (nbformat allows a string or a list of lines: the same text
// either way).
func notebookManagedView(doc map[string]any) map[string]any {
	return notebookWithoutUnmanaged(doc, func(c map[string]any) { c["source"] = notebookSource(c["source"]) })
}

// joinNotebookLines is a source given as lines, as one string; lines that
// are not all strings are kept as they are.
func joinNotebookLines(lines []any) any {
	var b strings.Builder
	for _, l := range lines {
		s, ok := l.(string)
		if !ok {
			return lines
		}
		b.WriteString(s)
	}
	return b.String()
}

// notebookProjection is held with, at every depth, only the object keys
// written holds; a list keeps held's length (elements past written's
// whole), so that a cell added or removed shows.
func notebookProjection(held, written any) any {
	switch w := written.(type) {
	case map[string]any:
		h, ok := held.(map[string]any)
		if !ok {
			return held
		}
		out := make(map[string]any, len(w))
		for k, wv := range w {
			if hv, ok := h[k]; ok {
				out[k] = notebookProjection(hv, wv)
			}
		}
		return out
	case []any:
		h, ok := held.([]any)
		if !ok {
			return held
		}
		out := make([]any, len(h))
		for i, hv := range h {
			if i < len(w) {
				out[i] = notebookProjection(hv, w[i])
			} else {
				out[i] = hv
			}
		}
		return out
	}
	return held
}

// notebookHolds reports whether the notebook held (DSS's) is what written
// (the configuration) manages: equal managed views under the subset rule.
func notebookHolds(written, held map[string]any) bool {
	w := notebookManagedView(written)
	return kit.JSONEqual(notebookProjection(notebookManagedView(held), w), w)
}

// notebookDrift is what the state shows of DSS's notebook when it does
// not hold what written manages: its managed view cut to written's keys,
// so that the plan's difference is the change made outside Terraform.
func notebookDrift(written, held map[string]any) map[string]any {
	p, _ := notebookProjection(notebookManagedView(held), notebookManagedView(written)).(map[string]any)
	return p
}

// notebookImported is DSS's notebook as an import reads it: without the
// metadata DSS and the kernel write, each code cell without its outputs
// and execution count (nbformat's empty ones, so that the content is
// still a valid .ipynb file).
func notebookImported(held map[string]any) map[string]any {
	return notebookWithoutUnmanaged(held, func(c map[string]any) {
		if c["cell_type"] == "code" {
			c["outputs"], c["execution_count"] = []any{}, nil
		}
	})
}

// notebookMerged is the document to write: held (DSS's) with written's
// keys written over it at every depth, keys written does not hold kept
// (DSS's metadata, the editor's), lists cut or grown to written's length.
// A cell whose type and source match DSS's cell at its place is the same
// cell: it keeps what DSS holds beyond the configuration (its id, its
// outputs and execution count, which the configuration does not manage).
// Any other cell is new there: it is the configuration's cell as written,
// nothing of the cell it replaces carried over.
func notebookMerged(held, written map[string]any) map[string]any {
	out, _ := notebookMerge(held, written).(map[string]any)
	wCells, ok := written["cells"].([]any)
	if !ok {
		return out // the configuration writes no cells: DSS's stay as they are
	}
	hCells, _ := held["cells"].([]any)
	cells, _ := out["cells"].([]any)
	for i := range cells {
		wCell, _ := wCells[i].(map[string]any)
		var hCell map[string]any
		if i < len(hCells) {
			hCell, _ = hCells[i].(map[string]any)
		}
		if wCell == nil || hCell == nil || !kit.JSONEqual(hCell["cell_type"], wCell["cell_type"]) ||
			!kit.JSONEqual(notebookSource(hCell["source"]), notebookSource(wCell["source"])) {
			cells[i] = kit.DeepCopyJSON(wCells[i])
			continue
		}
		cell, _ := cells[i].(map[string]any)
		for _, k := range notebookUnmanagedCellKeys {
			if v, ok := hCell[k]; ok {
				cell[k] = kit.DeepCopyJSON(v)
			} else {
				delete(cell, k)
			}
		}
	}
	return out
}

// notebookSource is a cell's source as one string (see
// notebookManagedView).
func notebookSource(v any) any {
	if lines, ok := v.([]any); ok {
		return joinNotebookLines(lines)
	}
	return v
}

// notebookMerge writes written over held: objects key by key, lists
// element by element to written's length, anything else written's.
func notebookMerge(held, written any) any {
	switch w := written.(type) {
	case map[string]any:
		h, _ := held.(map[string]any)
		out := make(map[string]any, len(h)+len(w))
		for k, v := range h {
			out[k] = kit.DeepCopyJSON(v)
		}
		for k, wv := range w {
			out[k] = notebookMerge(h[k], wv)
		}
		return out
	case []any:
		h, _ := held.([]any)
		out := make([]any, len(w))
		for i, wv := range w {
			var hv any
			if i < len(h) {
				hv = h[i]
			}
			out[i] = notebookMerge(hv, wv)
		}
		return out
	}
	return kit.DeepCopyJSON(written)
}

// notebookContent is a decoded configuration as DSS's document type.
func notebookContent(m map[string]any) dss.JupyterNotebookContent {
	return dss.JupyterNotebookContent(m)
}
