-- Headless Neovim (0.7+), as a user would: open $SPICE_LSP_FILE, run the "Simulate" code lens
-- on the first analysis (vim.lsp.codelens.refresh/run), then simulate the whole file with
-- workspace/executeCommand spice-lsp.simulate [uri]; write the lenses, the messages shown and
-- the command's answer to $SPICE_LSP_OUT as JSON. Exits 1 (cquit) when something never came.
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.SPICE_LSP_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local messages = {}
vim.lsp.handlers["window/showMessage"] = function(_, result)
  table.insert(messages, result.message)
end

local ok = vim.wait(20000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 50)
vim.wait(20000, function()
  vim.lsp.codelens.refresh()
  return #vim.lsp.codelens.get(bufnr) > 0
end, 200)
local lenses = {}
for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
  table.insert(lenses, { line = lens.range.start.line, title = lens.command and lens.command.title })
end
if #lenses > 0 then
  vim.api.nvim_win_set_cursor(0, { lenses[1].line + 1, 0 })
  vim.lsp.codelens.run()
end
ok = ok and #lenses > 0 and vim.wait(30000, function() return #messages > 0 end, 50)

-- The whole file, as `:lua vim.lsp.buf.execute_command({command = "spice-lsp.simulate",
-- arguments = {vim.uri_from_bufnr(0)}})` does, but waiting for the answer.
local answers = vim.lsp.buf_request_sync(bufnr, "workspace/executeCommand",
  { command = "spice-lsp.simulate", arguments = { vim.uri_from_bufnr(bufnr) } }, 60000) or {}
local _, answer = next(answers)
vim.fn.writefile({ vim.fn.json_encode({ lenses = lenses, messages = messages,
  answer = answer and answer.result or vim.NIL }) }, vim.env.SPICE_LSP_OUT)
vim.cmd((ok and answer and answer.result) and "qa!" or "cquit 1")
