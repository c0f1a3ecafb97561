-- The Neovim setup the tests use: tests/neovim/spice_lsp.lua with the server that
-- $SPICE_LSP_PYTHON runs (the project's virtual environment).
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
package.path = here .. "/?.lua;" .. package.path

-- The template backend: these tests are about Neovim's side; the model backends have their own.
require("spice_lsp").setup({ cmd = { vim.env.SPICE_LSP_PYTHON, "-m", "spice_lsp" },
                            init_options = { generation = { backend = "template" } } })
