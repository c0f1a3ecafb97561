-- Open $SPICE_LSP_FILE (it has a `* describe:` line), fill it the way $SPICE_LSP_MODE says,
-- and write the buffer's lines and what happened as JSON to $SPICE_LSP_OUT. Works with any of
-- the set-ups in docs/neovim.md (it relies on none of them).
--   omnifunc: types A<C-x><C-o> on the describe line, then <C-y>, as a user does
--   plugin:   requests textDocument/completion at the line's end and applies the first item's
--             edits, as a completion plugin (nvim-cmp) does
--   keymap:   types <leader>sg, the documented generation keymap
-- Steps wait for each other with timers, so that Neovim reads the typed keys in between.
-- Exits 0 when the buffer got the netlist, 1 (cquit) otherwise.
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.SPICE_LSP_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local mode = vim.env.SPICE_LSP_MODE
local result = { mode = mode, filetype = vim.bo[bufnr].filetype, version = vim.version() }
local before = vim.api.nvim_buf_line_count(bufnr)

local function client()
  local found = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  return found[next(found)]
end

local function keys(text)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(text, true, false, true), "mt", false)
end

-- Calls `after(ok)` once `check()` is true, or with false after `ms` milliseconds.
local function when(check, ms, after)
  local start = vim.loop.now()
  local function tick()
    if check() then
      after(true)
    elseif vim.loop.now() - start > ms then
      after(false)
    else
      vim.defer_fn(tick, 50)
    end
  end
  tick()
end

local function finish()
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.SPICE_LSP_OUT)
  vim.cmd(#result.lines > before and "qa!" or "cquit 1")
end

local function grown()
  return vim.api.nvim_buf_line_count(bufnr) > before
end

local line
for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  if text:lower():match("^%s*[%*;]%s*describe%s*:") then
    line = i - 1
  end
end
result.describe_line = line

local function fill()
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  if mode == "omnifunc" then
    keys("A<C-x><C-o>")
    -- (no popup menu without a UI: the completion's items tell that it is there)
    when(function() return #vim.fn.complete_info({ "items" }).items > 0 end, 30000, function(shown)
      result.menu = shown
      keys("<C-y>")
      when(grown, 10000, function()
        keys("<Esc>")
        vim.defer_fn(finish, 100)
      end)
    end)
  elseif mode == "plugin" then
    local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = #text } }
    local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 30000) or {}
    for _, response in pairs(responses) do
      local items = response.result and (response.result.items or response.result) or {}
      local item = items[1]
      if item then
        result.label = item.label
        local edit = vim.deepcopy(item.textEdit)
        if item.insertTextFormat == 2 then -- a snippet: this one has no placeholders, only escapes
          edit.newText = edit.newText:gsub("\\([\\$}])", "%1")
        end
        local edits = { edit }
        vim.list_extend(edits, item.additionalTextEdits or {})
        vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
      end
    end
    finish()
  elseif mode == "keymap" then
    keys("<Esc>\\sg") -- <leader>sg with the default leader
    when(grown, 30000, function() vim.defer_fn(finish, 100) end)
  end
end

when(function()
  local c = client()
  return c ~= nil and c.initialized == true
end, 30000, function(ready)
  result.attached = ready
  if ready and line ~= nil then
    fill()
  else
    finish()
  end
end)
