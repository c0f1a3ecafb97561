-- spice-lsp for Neovim 0.7+ (no plugins needed).
--
-- Copy this file to ~/.config/nvim/lua/spice_lsp.lua, then in init.lua:
--
--   require("spice_lsp").setup()                         -- `spice-lsp` on PATH
--   require("spice_lsp").setup({ cmd = { "/path/to/venv/bin/python", "-m", "spice_lsp" },
--                                init_options = { includePaths = { "~/spice/models" } } })
--
-- One server runs per project: the folder holding .git above the file, else the file's folder.
local M = { options = {}, clients = {} }

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
    })
  end
  vim.lsp.buf_attach_client(bufnr, M.clients[root])
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
