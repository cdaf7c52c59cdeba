package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// mergeRequest is the body of POST /codes/{cid}/merge.
type mergeRequest struct {
	TargetID string `json:"target_id"`
}

// handleMergeCode answers POST /api/v1/projects/{pid}/codes/{cid}/merge
// {target_id}: the code's quotes, children and memos move to the target,
// the code is deleted, and the answer is the target.
func (s *Server) handleMergeCode(c echo.Context) error {
	var req mergeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.TargetID == "" {
		return coding.Errorf(coding.EINVALID, "target_id is required")
	}
	target, err := s.cfg.Store.MergeCodes(c.Request().Context(), c.Param("pid"), c.Param("cid"), req.TargetID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, target)
}

// codeOrderRequest is the body of PUT /codes/order.
type codeOrderRequest struct {
	ParentID string   `json:"parent_id"`
	IDs      []string `json:"ids"`
}

// handleReorderCodes answers PUT /api/v1/projects/{pid}/codes/order
// {parent_id, ids} with 204: ids, every child of parent_id ("" for the top
// level) once, in their new order.
func (s *Server) handleReorderCodes(c echo.Context) error {
	var req codeOrderRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.cfg.Store.ReorderCodes(c.Request().Context(), c.Param("pid"), req.ParentID, req.IDs); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// facetValueRequest is the body of PUT /codes/{cid}/facets/{fid}.
type facetValueRequest struct {
	Value *string `json:"value"`
}

// handleSetCodeFacet answers PUT /api/v1/projects/{pid}/codes/{cid}/facets/{fid}
// {value} with the code: it sets the code's own value of the facet.
func (s *Server) handleSetCodeFacet(c echo.Context) error {
	var req facetValueRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Value == nil {
		return coding.Errorf(coding.EINVALID, "value is required (DELETE clears it)")
	}
	code, err := s.cfg.Store.SetCodeFacet(c.Request().Context(), c.Param("pid"), c.Param("cid"), c.Param("fid"), *req.Value)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, code)
}

// handleClearCodeFacet answers DELETE /api/v1/projects/{pid}/codes/{cid}/facets/{fid}
// with the code: its own value of the facet is cleared, so it inherits
// again.
func (s *Server) handleClearCodeFacet(c echo.Context) error {
	code, err := s.cfg.Store.SetCodeFacet(c.Request().Context(), c.Param("pid"), c.Param("cid"), c.Param("fid"), "")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, code)
}

// bulkLevelRequest is the body of POST /codes/bulk-level.
type bulkLevelRequest struct {
	IDs   []string     `json:"ids"`
	Level coding.Level `json:"level"`
}

// bulkFailure names a code the bulk change could not change, and why.
type bulkFailure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// bulkLevelResult is the answer of POST /codes/bulk-level.
type bulkLevelResult struct {
	Updated []*coding.Code `json:"updated"`
	Failed  []bulkFailure  `json:"failed"`
}

// handleBulkLevel answers POST /api/v1/projects/{pid}/codes/bulk-level
// {ids, level} with {updated, failed}: each code is changed on its own, so
// one refusal (a concept still under a theme, say) leaves the others done.
func (s *Server) handleBulkLevel(c echo.Context) error {
	var req bulkLevelRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if len(req.IDs) == 0 {
		return coding.Errorf(coding.EINVALID, "ids must list at least one code")
	}
	if !req.Level.Valid() {
		return coding.Errorf(coding.EINVALID, "level %q is not concept, theme or dimension", req.Level)
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	res := bulkLevelResult{Updated: []*coding.Code{}, Failed: []bulkFailure{}}
	for _, id := range req.IDs {
		code, err := s.cfg.Store.UpdateCode(ctx, pid, id, coding.CodeUpdate{Level: &req.Level})
		if err != nil {
			if _, known := statusOf[coding.ErrorCode(err)]; !known {
				s.log.Error("bulk level change failed", "project", pid, "code", id, "err", err)
			}
			res.Failed = append(res.Failed, bulkFailure{ID: id, Error: coding.ErrorMessage(err)})
			continue
		}
		res.Updated = append(res.Updated, code)
	}
	return c.JSON(http.StatusOK, res)
}
