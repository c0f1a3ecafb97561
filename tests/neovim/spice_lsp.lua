-- spice-lsp for Neovim 0.7+ (no plugins needed).
--
-- Copy this file to ~/.config/nvim/lua/spice_lsp.lua, then in init.lua:
--
--   require("spice_lsp").setup()                         -- `spice-lsp` on PATH
--   require("spice_lsp").setup({ cmd = { "/path/to/venv/bin/python", "-m", "spice_lsp" },
--                                init_options = { includePaths = { "~/spice/models" } },
--                                on_attach = function(client, bufnr) --[[ keymaps ]] end })
--
-- One server runs per project: the folder holding .git above the file, else the file's folder.
--
-- Commands in SPICE buffers:
--   :SpiceGenerate   write the netlist for the `* describe: ...` line under the cursor (or the
--                    buffer's only describe line) below it, with the configured backend
--   :SpiceSimulate   run the buffer in ngspice (sandboxed, by the server) and show the summary
local M = { options = {}, clients = {} }

local GENERATE, SIMULATE = "spice-lsp.generate", "spice-lsp.simulate"

local function is_describe(text)
  return text ~= nil and text:lower():match("^%s*[%*;]%s*describe%s*:%s*%S") ~= nil
end

-- The describe line to act on: the cursor's, else the buffer's only one (nil if none or several).
function M.describe_line(bufnr, cursor_line)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  if is_describe(lines[cursor_line + 1]) then
    return cursor_line
  end
  local found
  for i, text in ipairs(lines) do
    if is_describe(text) then
      if found then
        return nil
      end
      found = i - 1
    end
  end
  return found
end

local function client_for(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == "spice-lsp" then
      return client
    end
  end
  vim.notify("spice-lsp: no server attached to this buffer", vim.log.levels.WARN)
end

-- Ask the server to generate; it inserts the netlist itself (workspace/applyEdit), and only
-- if the buffer did not change meanwhile. `done(err, result)` is called when it answers.
function M.generate(bufnr, line, done)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  line = M.describe_line(bufnr, line or (vim.api.nvim_win_get_cursor(0)[1] - 1))
  local client = client_for(bufnr)
  if not client then
    return
  end
  if line == nil then
    vim.notify("spice-lsp: put the cursor on a `* describe: ...` line", vim.log.levels.INFO)
    return
  end
  local params = { command = GENERATE,
                   arguments = { vim.uri_from_bufnr(bufnr), line, vim.lsp.util.buf_versions[bufnr] } }
  client.request("workspace/executeCommand", params, function(err, result)
    if err then
      vim.notify("spice-lsp: generation failed: " .. tostring(err.message or err), vim.log.levels.ERROR)
    elseif result then
      vim.notify(("spice-lsp: inserted the %s answer"):format(result.backend or "generated"), vim.log.levels.INFO)
    end
    if done then
      done(err, result)
    end
  end, bufnr)
end

-- Simulate the buffer; the summary (and any errors) opens in a scratch split.
function M.simulate(bufnr, done)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return
  end
  local params = { command = SIMULATE, arguments = { vim.uri_from_bufnr(bufnr) } }
  client.request("workspace/executeCommand", params, function(err, result)
    local lines = {}
    if err then
      lines = { "spice-lsp: simulation failed: " .. tostring(err.message or err) }
    elseif result then
      lines = vim.split(result.text or "", "\n")
      for _, e in ipairs(result.errors or {}) do
        table.insert(lines, "error: " .. e)
      end
      for _, p in ipairs(result.plots or {}) do
        table.insert(lines, "plot: " .. p)
      end
    end
    vim.cmd("botright new")
    vim.bo.buftype, vim.bo.bufhidden, vim.bo.swapfile = "nofile", "wipe", false
    vim.api.nvim_buf_set_lines(0, 0, -1, false, lines)
    if done then
      done(err, result)
    end
  end, bufnr)
end

-- Accepting the "Generate netlist" item with <C-x><C-o>: Neovim's omnifunc inserts a completion
-- item's text as one line (up to 0.10 a newline even becomes a NUL byte), so the item's
-- multi-line text edit is made here instead: the typed word comes back, then the edit goes in.
function M.complete_done(bufnr)
  local user_data = (vim.v.completed_item or {}).user_data
  local item = type(user_data) == "table" and user_data.nvim and user_data.nvim.lsp
    and user_data.nvim.lsp.completion_item
  local edit = item and item.textEdit
  if not (edit and edit.range and edit.newText:find("\n")) then
    return
  end
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local line = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, false)[1]
  local start = vim.str_byteindex(line, edit.range.start.character, true)
  vim.api.nvim_buf_set_text(bufnr, row - 1, start, row - 1, col, { item.filterText or "" })
  local edits = { edit }
  vim.list_extend(edits, item.additionalTextEdits or {})
  vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
end

local function root_dir(fname)
  local dir = vim.fn.fnamemodify(fname, ":p:h")
  local git = vim.fn.finddir(".git", dir .. ";")
  return git ~= "" and vim.fn.fnamemodify(git, ":p:h:h") or dir
end

function M.attach(bufnr)
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr))
  if not M.clients[root] then
    M.clients[root] = vim.lsp.start_client({
      name = "spice-lsp",
      cmd = M.options.cmd or { "spice-lsp" },
      root_dir = root,
      init_options = M.options.init_options,
      on_attach = function(client, buf)
        -- The Simulate lenses, refreshed from now on: up to 0.9 a refresh asked before the
        -- server is ready is never answered and blocks every later one.
        vim.lsp.codelens.refresh()
        vim.cmd(("autocmd spice_lsp BufEnter,CursorHold,InsertLeave <buffer=%d> lua vim.lsp.codelens.refresh()"):format(buf))
        if M.options.on_attach then
          M.options.on_attach(client, buf)
        end
      end,
    })
  end
  vim.lsp.buf_attach_client(bufnr, M.clients[root])
  vim.api.nvim_buf_set_option(bufnr, "omnifunc", "v:lua.vim.lsp.omnifunc")
  vim.cmd(("autocmd! spice_lsp CompleteDone <buffer=%d> lua require('spice_lsp').complete_done(%d)"):format(bufnr, bufnr))
  vim.api.nvim_buf_create_user_command(bufnr, "SpiceGenerate", function() M.generate(bufnr) end,
    { desc = "spice-lsp: generate the netlist for the * describe: line" })
  vim.api.nvim_buf_create_user_command(bufnr, "SpiceSimulate", function() M.simulate(bufnr) end,
    { desc = "spice-lsp: simulate this netlist with ngspice" })
end

function M.setup(options)
  M.options = options or {}
  -- vim.filetype.add only exists from Neovim 0.8 on.
  vim.cmd([[
    augroup spice_lsp
      autocmd!
      autocmd BufRead,BufNewFile *.cir,*.sp,*.spice,*.net,*.ckt,*.inc,*.lib set filetype=spice
      autocmd FileType spice lua require("spice_lsp").attach(tonumber(vim.fn.expand("<abuf>")))
    augroup END
  ]])
end

return M
