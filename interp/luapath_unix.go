//go:build !windows

package interp

import lua "github.com/yuin/gopher-lua"

// package.path, when LUA_PATH does not set it, is the `lua` command's: the
// default of Lua 5.1's luaconf.h (under /usr/local) and the directory where
// Debian, Ubuntu and most Linux distributions install pure-Lua libraries
// for lua5.1 (lua-copas, lua-penlight). gopher-lua's own default has only
// the first two entries, so `require("copas")` found nothing there.
func init() {
	lua.LuaPathDefault = "./?.lua;" +
		"/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;" +
		"/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;" +
		"/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua"
}
