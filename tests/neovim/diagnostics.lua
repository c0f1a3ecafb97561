-- Open $SPICE_LSP_FILE, wait for its diagnostics and code lenses, write them as JSON to $SPICE_LSP_OUT.
-- Exits 0 when diagnostics arrived, 1 (cquit) when none came within the timeout.
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.SPICE_LSP_FILE))
local bufnr = vim.api.nvim_get_current_buf()

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)

-- The Simulate code lens of the `.op` line (the set-ups refresh lenses when the server attaches).
local lenses = vim.wait(20000, function()
  return #vim.lsp.codelens.get(bufnr) > 0
end, 50)

local out = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    message = d.message, severity = d.severity, source = d.source,
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
  })
end
local result = {
  filetype = vim.bo[bufnr].filetype,
  clients = #(vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)),
  lenses = lenses and vim.tbl_map(function(lens) return { lnum = lens.range.start.line,
                                                          title = lens.command and lens.command.title } end,
                                   vim.lsp.codelens.get(bufnr)) or {},
  diagnostics = out,
}
vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.SPICE_LSP_OUT)
vim.cmd(arrived and "qa!" or "cquit 1")
