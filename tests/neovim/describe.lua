-- Open $SPICE_LSP_FILE (it has a `* describe:` line), fill it the way $SPICE_LSP_MODE says,
-- and write the buffer's lines and what happened as JSON to $SPICE_LSP_OUT.
--   completion: request textDocument/completion at the describe line's end and apply the
--               first item's edits, as a completion plugin (nvim-cmp) does
--   command:    :SpiceGenerate (workspace/executeCommand spice-lsp.generate; the server
--               inserts the netlist with workspace/applyEdit)
-- Exits 0 when the buffer got the netlist, 1 (cquit) otherwise.
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.SPICE_LSP_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local mode = vim.env.SPICE_LSP_MODE
local result = { mode = mode, filetype = vim.bo[bufnr].filetype }

local function client()
  return vim.lsp.buf_get_clients(bufnr)[next(vim.lsp.buf_get_clients(bufnr))]
end
local ready = vim.wait(30000, function()
  local c = client()
  return c ~= nil and c.initialized == true
end, 50)
result.attached = ready

local line = require("spice_lsp").describe_line(bufnr, 0)
result.describe_line = line
local before = vim.api.nvim_buf_line_count(bufnr)
if ready and line ~= nil and mode == "completion" then
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) },
                   position = { line = line, character = #text } }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 30000) or {}
  for _, response in pairs(responses) do
    local items = response.result and (response.result.items or response.result) or {}
    local item = items[1]
    if item then
      result.label = item.label
      local edits = { item.textEdit }
      for _, e in ipairs(item.additionalTextEdits or {}) do
        table.insert(edits, e)
      end
      vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
    end
  end
elseif ready and line ~= nil and mode == "command" then
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  local answered = false
  require("spice_lsp").generate(bufnr, line, function(err, res)
    answered, result.error, result.backend = true, err and tostring(err.message or err), res and res.backend
  end)
  vim.wait(30000, function() return answered end, 50)
  -- the edit arrives as workspace/applyEdit before the command's answer
end

result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.SPICE_LSP_OUT)
vim.cmd(#result.lines > before and "qa!" or "cquit 1")
