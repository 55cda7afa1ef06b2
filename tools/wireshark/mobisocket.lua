-- mobisocket.lua: Wireshark / tshark dissector for the wire formats of the
-- ns-3 "mobisocket" module (MobiSocket, TCP-R and the redirect daemon).
--
-- Usage:
--   tshark -X lua_script:tools/wireshark/mobisocket.lua -r run.pcap -Y mobisocket -V
--   tshark -X lua_script:tools/wireshark/mobisocket.lua -r run.pcap -Y mobisocket \
--          -T fields -e frame.number -e mobisocket.type -e mobisocket.token -e mobisocket.new_addr
--          (mobisocket.new_addr6 for an IPv6 connection's messages)
--   wireshark -X lua_script:tools/wireshark/mobisocket.lua run.pcap
-- A connection on a port another dissector owns (e.g. 80, HTTP): the message is
-- still decoded (by the postdissector), but that dissector decodes the segment
-- too; add -o tcp.try_heuristic_first:TRUE to have only this one take it.
-- (or copy the file into ~/.local/lib/wireshark/plugins/). Pcaps come from
-- e.g. build/examples/mobisocket-wifi-handover --pcap=1 --outputDir=DIR: the
-- correspondent host's point-to-point pcap (p2p-1-1.pcap) sees every control
-- message once; the station's (wifi-MH-0-1.pcap) sees the MH's side.
--
-- What is decoded (formats as in src/mobisocket/model/):
--
-- 1. The control messages (mobility-control-header.{h,cc}), network byte order:
--      magic "MoBi" 0x4D6F4269 (4) | type (1) | version (1, =1)
--      | family (1, 4 = IPv4, 6 = IPv6) | reserved (1) | token (8) | sequence (4) = 20 bytes
--    followed by the body, whose addresses are of the envelope's family (A = 4
--    bytes for family 4, 16 for family 6)
--      AddChange (1), RedirectRequest (4): old address (A) | new address (A) | new port (2)
--      AddConfirm (2), RedirectAck (5):    new address (A) | new port (2)
--      KeyShare (3):                       X25519 public share (32); family 4 only
--    and the authenticator over everything before it
--      AddChange, AddConfirm:              Ed25519 signature (64)
--      RedirectRequest, RedirectAck:       HMAC-SHA256 tag (32)
--      KeyShare:                           none
--    Sizes, family 4: AddChange 94, AddConfirm 90, RedirectRequest 62, RedirectAck 58,
--    KeyShare 52; family 6: AddChange 118, AddConfirm 102, RedirectRequest 86,
--    RedirectAck 70. Any other family (and family 6 on a KeyShare) is malformed:
--    the receiver drops the message. IPv4 addresses are shown as mobisocket.old_addr /
--    mobisocket.new_addr, IPv6 ones as mobisocket.old_addr6 / mobisocket.new_addr6.
--    They travel
--      a. in band (MobiSocket AddChange/AddConfirm, TCP-R KeyShare/RedirectRequest/
--         RedirectAck): alone as the payload of a TCP segment with URG|ACK set, the
--         urgent pointer equal to the message length, seq = SND.NXT, outside the
--         byte stream (relocatable-tcp-socket.cc SendControlSegment; the peer's
--         MobilityDemux takes URG segments whose payload starts with "MoBi").
--         Registered as a heuristic dissector on TCP, so over IPv4 and IPv6 alike
--         (and decoded by the postdissector below from tcp.payload when TCP hands
--         the segment to another dissector, e.g. by port, or to none);
--      b. over the redirect daemons' UDP channel (redirect-daemon.cc, attribute
--         Port, default 7700): one message per datagram. Registered on udp.port
--         7700 (and as a heuristic on UDP for other ports);
--      c. in SIP INFO bodies (sip-body.cc, RFC 6086 Info Package
--         "mobisocket-update"): Content-Type application/vnd.mobisocket.addchange
--         or .addconfirm, one "name: value" line per field (token in hex,
--         sequence, old-address, new-address, new-port, signature in base64).
--         Registered in the media_type table for both content types.
-- 2. The negotiation option in SYN and SYN+ACK (tcp-option-experimental.{h,cc},
--    signalling-tcp-socket.cc): RFC 6994 shared experimental option
--      kind 253 | length (9) | ExID (2) | version (1, =1) | nonce (4)
--    ExID 0x4D53 "MS" for MobiSocket, 0x5452 "TR" for TCP-R. The connection token
--    is (initiator nonce << 32) | responder nonce. Wireshark's TCP dissector
--    shows the option as "Experimental"; a postdissector walks tcp.options and
--    adds the mobisocket.option.* fields.
--
-- Malformed or short input adds expert info (mobisocket.expert.*); it never
-- raises a Lua error.

local MAGIC = 0x4D6F4269
local COMMON_SIZE = 20
local UDP_PORT = 7700
local OPTION_KIND = 253
local EXID_MOBISOCKET = 0x4D53
local EXID_TCPR = 0x5452

local ADD_CHANGE, ADD_CONFIRM, KEY_SHARE, REDIRECT_REQUEST, REDIRECT_ACK = 1, 2, 3, 4, 5

local type_names = {
    [ADD_CHANGE] = "AddChange",
    [ADD_CONFIRM] = "AddConfirm",
    [KEY_SHARE] = "KeyShare",
    [REDIRECT_REQUEST] = "RedirectRequest",
    [REDIRECT_ACK] = "RedirectAck",
}
-- authenticator sizes per type, address sizes per family (mobility-control-header.cc)
local auth_size = { [1] = 64, [2] = 64, [3] = 0, [4] = 32, [5] = 32 }
local FAMILY_IPV4, FAMILY_IPV6 = 4, 6
local family_names = { [FAMILY_IPV4] = "IPv4", [FAMILY_IPV6] = "IPv6" }
local address_size = { [FAMILY_IPV4] = 4, [FAMILY_IPV6] = 16 }

-- The body size of a message type carrying addresses of a family (an unknown
-- family is laid out as IPv4, as the dissector decodes it anyway).
local function body_size(msg_type, family)
    local a = address_size[family] or 4
    if msg_type == ADD_CHANGE or msg_type == REDIRECT_REQUEST then
        return 2 * a + 2
    elseif msg_type == ADD_CONFIRM or msg_type == REDIRECT_ACK then
        return a + 2
    elseif msg_type == KEY_SHARE then
        return 32
    end
    return 0
end
local exid_names = { [EXID_MOBISOCKET] = "MobiSocket", [EXID_TCPR] = "TCP-R" }

local p = Proto("mobisocket", "MobiSocket control message")

local f = {
    magic = ProtoField.uint32("mobisocket.magic", "Magic", base.HEX),
    type = ProtoField.uint8("mobisocket.type", "Type", base.DEC, type_names),
    version = ProtoField.uint8("mobisocket.version", "Version", base.DEC),
    family = ProtoField.uint8("mobisocket.family", "Address family", base.DEC, family_names),
    reserved = ProtoField.uint8("mobisocket.reserved", "Reserved", base.HEX),
    token = ProtoField.uint64("mobisocket.token", "Token", base.HEX),
    seq = ProtoField.uint32("mobisocket.seq", "Change sequence number", base.DEC),
    old_addr = ProtoField.ipv4("mobisocket.old_addr", "Old address"),
    new_addr = ProtoField.ipv4("mobisocket.new_addr", "New address"),
    old_addr6 = ProtoField.ipv6("mobisocket.old_addr6", "Old address (IPv6)"),
    new_addr6 = ProtoField.ipv6("mobisocket.new_addr6", "New address (IPv6)"),
    new_port = ProtoField.uint16("mobisocket.new_port", "New port", base.DEC),
    key_share = ProtoField.bytes("mobisocket.key_share", "X25519 key share"),
    signature = ProtoField.bytes("mobisocket.signature", "Ed25519 signature"),
    mac = ProtoField.bytes("mobisocket.mac", "HMAC-SHA256 tag"),
    auth_len = ProtoField.uint16("mobisocket.auth_len", "Authenticator length", base.DEC),
    length = ProtoField.uint16("mobisocket.length", "Message length (of its type)", base.DEC),
    scheme = ProtoField.string("mobisocket.scheme", "Scheme"),
    transport = ProtoField.string("mobisocket.transport", "Transport"),
    sip_field = ProtoField.string("mobisocket.sip.field", "Unknown body line"),
    -- the SYN option
    opt_kind = ProtoField.uint8("mobisocket.option.kind", "Option kind", base.DEC),
    opt_len = ProtoField.uint8("mobisocket.option.length", "Option length", base.DEC),
    opt_exid = ProtoField.uint16("mobisocket.option.exid", "Experiment identifier (ExID)",
        base.HEX, exid_names),
    opt_version = ProtoField.uint8("mobisocket.option.version", "Negotiation version", base.DEC),
    opt_nonce = ProtoField.uint32("mobisocket.option.nonce", "Nonce (half of the token)", base.HEX),
    opt_role = ProtoField.string("mobisocket.option.role", "Role"),
    opt_scheme = ProtoField.string("mobisocket.option.scheme", "Scheme"),
}
p.fields = f

local e = {
    truncated = ProtoExpert.new("mobisocket.expert.truncated", "Truncated control message",
        expert.group.MALFORMED, expert.severity.ERROR),
    bad_magic = ProtoExpert.new("mobisocket.expert.bad_magic", "Not a MobiSocket envelope",
        expert.group.MALFORMED, expert.severity.ERROR),
    bad_type = ProtoExpert.new("mobisocket.expert.bad_type", "Unknown message type",
        expert.group.MALFORMED, expert.severity.ERROR),
    bad_version = ProtoExpert.new("mobisocket.expert.bad_version", "Unsupported version",
        expert.group.PROTOCOL, expert.severity.WARN),
    bad_family = ProtoExpert.new("mobisocket.expert.bad_family", "Unsupported address family",
        expert.group.PROTOCOL, expert.severity.WARN),
    bad_body = ProtoExpert.new("mobisocket.expert.bad_body", "Invalid body",
        expert.group.MALFORMED, expert.severity.ERROR),
    trailing = ProtoExpert.new("mobisocket.expert.trailing", "Bytes after the message",
        expert.group.PROTOCOL, expert.severity.NOTE),
    no_urg = ProtoExpert.new("mobisocket.expert.urgent", "URG flag or urgent pointer unexpected",
        expert.group.PROTOCOL, expert.severity.WARN),
    bad_option = ProtoExpert.new("mobisocket.expert.bad_option", "Malformed negotiation option",
        expert.group.MALFORMED, expert.severity.WARN),
    bad_sip = ProtoExpert.new("mobisocket.expert.bad_sip", "Malformed SIP INFO body",
        expert.group.MALFORMED, expert.severity.ERROR),
}
p.experts = e

-- Fields of other dissectors read here.
local tcp_flags_urg = Field.new("tcp.flags.urg")
local tcp_urgent_pointer = Field.new("tcp.urgent_pointer")
local tcp_flags_syn = Field.new("tcp.flags.syn")
local tcp_flags_ack = Field.new("tcp.flags.ack")
local tcp_options = Field.new("tcp.options")

-- The last instance of a field in the packet so far (nil if absent).
local function last(field)
    local all = { field() }
    return all[#all]
end

local function scheme_of(msg_type, transport)
    if transport == "UDP" then
        return "redirect daemon"
    elseif transport == "SIP" then
        return "MobiSocket (SIP)"
    elseif msg_type == ADD_CHANGE or msg_type == ADD_CONFIRM then
        return "MobiSocket"
    else
        return "TCP-R"
    end
end

local function set_columns(pinfo, msg_type, transport, summary)
    local protocol = ({ TCP = "MobiSocket", UDP = "RedirectD", SIP = "MobiSocket" })[transport]
    if transport == "TCP" and msg_type ~= ADD_CHANGE and msg_type ~= ADD_CONFIRM then
        protocol = "TCP-R"
    end
    pinfo.cols.protocol:set(protocol or "MobiSocket")
    pinfo.cols.info:set(summary)
end

-- Decode one binary control message from the start of tvb. transport is
-- "TCP" or "UDP". Returns the number of bytes taken (all of them: a segment
-- or datagram carries one message).
local function dissect_binary(tvb, pinfo, tree, transport)
    local len = tvb:len()
    local t = tree:add(p, tvb(), "MobiSocket control message")
    t:add(f.transport, transport):set_generated()
    if len < 4 then
        t:add_proto_expert_info(e.truncated,
            string.format("%d bytes: shorter than the 4-byte magic", len))
        pinfo.cols.info:append(" [MobiSocket: truncated]")
        return len
    end
    local magic = tvb(0, 4):uint()
    local mi = t:add(f.magic, tvb(0, 4))
    if magic ~= MAGIC then
        mi:add_proto_expert_info(e.bad_magic,
            string.format("magic 0x%08x, expected 0x%08x (\"MoBi\")", magic, MAGIC))
        pinfo.cols.info:append(" [not a MobiSocket message]")
        return len
    end
    if len < COMMON_SIZE then
        t:add_proto_expert_info(e.truncated,
            string.format("%d bytes: shorter than the %d-byte common part", len, COMMON_SIZE))
    end
    local msg_type = len > 4 and tvb(4, 1):uint() or nil
    local name = msg_type and type_names[msg_type]
    if msg_type then
        local ti = t:add(f.type, tvb(4, 1))
        if not name then
            ti:add_proto_expert_info(e.bad_type, string.format("type %d is not 1..5", msg_type))
        end
    end
    if len > 5 then
        local version = tvb(5, 1):uint()
        local vi = t:add(f.version, tvb(5, 1))
        if version ~= 1 then
            vi:add_proto_expert_info(e.bad_version,
                string.format("version %d; the model speaks version 1 and rejects others", version))
        end
    end
    local family = FAMILY_IPV4
    local bad_family = false
    if len > 6 then
        family = tvb(6, 1):uint()
        local fi = t:add(f.family, tvb(6, 1))
        if not family_names[family] then
            bad_family = true
            fi:add_proto_expert_info(e.bad_family,
                string.format("family %d; only 4 (IPv4) and 6 (IPv6) are defined", family))
        elseif family ~= FAMILY_IPV4 and msg_type == KEY_SHARE then
            bad_family = true
            fi:add_proto_expert_info(e.bad_family,
                string.format("family %d on a KeyShare, which carries no address: only 4 is valid",
                    family))
        end
    end
    if len > 7 then
        t:add(f.reserved, tvb(7, 1))
    end
    local token
    if len >= 16 then
        token = tvb(8, 8):uint64()
        t:add(f.token, tvb(8, 8))
    end
    local seq
    if len >= 20 then
        seq = tvb(16, 4):uint()
        t:add(f.seq, tvb(16, 4))
    end
    local label = name or string.format("type %s", tostring(msg_type))
    local summary = label
    if token then
        summary = summary .. " token=0x" .. token:tohex()
    end
    if seq then
        summary = summary .. " seq=" .. seq
    end
    if len < COMMON_SIZE or not name then
        t:append_text(": " .. label .. " (malformed)")
        t:add(f.scheme, scheme_of(msg_type, transport)):set_generated()
        set_columns(pinfo, msg_type, transport, summary .. " [malformed]")
        return len
    end

    local expected = COMMON_SIZE + body_size(msg_type, family) + auth_size[msg_type]
    t:add(f.length, expected):set_generated()
    t:add(f.scheme, scheme_of(msg_type, transport)):set_generated()
    local offset = COMMON_SIZE
    local truncated = false
    local function need(n)
        if truncated or offset + n > len then
            truncated = true
            return false
        end
        return true
    end
    -- An address of the message's family (IPv4 for an unknown one); its text.
    local ipv6 = family == FAMILY_IPV6
    local asize_addr = ipv6 and 16 or 4
    local function add_address(field4, field6)
        local r = tvb(offset, asize_addr)
        t:add(ipv6 and field6 or field4, r)
        offset = offset + asize_addr
        return ipv6 and tostring(r:ipv6()) or tostring(r:ipv4())
    end
    if msg_type == ADD_CHANGE or msg_type == REDIRECT_REQUEST then
        if need(asize_addr) then
            summary = summary .. " old=" .. add_address(f.old_addr, f.old_addr6)
        end
    end
    if msg_type == KEY_SHARE then
        if need(32) then
            t:add(f.key_share, tvb(offset, 32))
            offset = offset + 32
        end
        if seq then
            summary = summary .. (seq == 1 and " (answer)" or " (offer)")
        end
    else
        if need(asize_addr) then
            local text = add_address(f.new_addr, f.new_addr6)
            summary = summary .. " new=" .. (ipv6 and ("[" .. text .. "]") or text)
        end
        if need(2) then
            local port = tvb(offset, 2):uint()
            local pi = t:add(f.new_port, tvb(offset, 2))
            if port == 0 then
                pi:add_proto_expert_info(e.bad_body, "new port 0: the receiver rejects the message")
            end
            summary = summary .. ":" .. port
            offset = offset + 2
        end
    end
    local asize = auth_size[msg_type]
    if asize > 0 then
        local field = asize == 64 and f.signature or f.mac
        if need(asize) then
            t:add(field, tvb(offset, asize))
            t:add(f.auth_len, asize):set_generated()
            offset = offset + asize
        elseif offset < len then
            t:add(field, tvb(offset, len - offset))
            t:add(f.auth_len, len - offset):set_generated()
            offset = len
        end
    end
    t:append_text(": " .. label)
    if truncated then
        t:add_proto_expert_info(e.truncated,
            string.format("%d of %d bytes", len, expected))
        summary = summary .. " [truncated]"
    elseif len > expected then
        t:add_proto_expert_info(e.trailing,
            string.format("%d bytes after the %d-byte %s (ignored by the receiver)",
                len - expected, expected, label))
    end
    if bad_family then
        summary = summary .. " [bad family]"
    end
    if transport == "TCP" then
        local urg = last(tcp_flags_urg)
        local ptr = last(tcp_urgent_pointer)
        if urg == nil or not urg.value then
            t:add_proto_expert_info(e.no_urg,
                "URG is not set: the MobilityDemux hands this segment to TCP as data")
        elseif ptr and ptr.value ~= len then
            t:add_proto_expert_info(e.no_urg,
                string.format("urgent pointer %d does not cover the %d-byte message", ptr.value, len))
        end
    end
    set_columns(pinfo, msg_type, transport, summary)
    return len
end

-- A SIP INFO body (sip-body.cc): "name: value" lines.
local sip_types = {
    ["application/vnd.mobisocket.addchange"] = ADD_CHANGE,
    ["application/vnd.mobisocket.addconfirm"] = ADD_CONFIRM,
}

local function base64_bytes(text)
    -- ByteArray.new(text, true) takes raw bytes; base64_decode() returns a ByteArray.
    local ok, ba = pcall(function()
        return ByteArray.new(text, true):base64_decode()
    end)
    if ok then
        return ba
    end
    return nil
end

local function dissect_sip_body(tvb, pinfo, tree)
    local len = tvb:len()
    local text = len > 0 and tvb(0, len):string() or ""
    local content = pinfo.match_string and string.lower(tostring(pinfo.match_string)) or ""
    local msg_type = sip_types[content]
    local t = tree:add(p, tvb(), "MobiSocket control message (SIP INFO body)")
    t:add(f.transport, "SIP"):set_generated()
    local lines = {}
    local pos = 0
    while pos < len do
        local nl = string.find(text, "\n", pos + 1, true)
        local stop = nl and nl or len + 1 -- 1-based index of "\n" or past the end
        local line = string.sub(text, pos + 1, stop - 1)
        local line_len = #line
        if string.sub(line, -1) == "\r" then
            line = string.sub(line, 1, -2)
        end
        if #line > 0 then
            lines[#lines + 1] = { line = line, offset = pos, len = line_len }
        end
        pos = stop
    end
    local fields = {}
    local order = {}
    local bad = false
    for _, l in ipairs(lines) do
        local colon = string.find(l.line, ":", 1, true)
        if not colon or colon == 1 then
            t:add_proto_expert_info(e.bad_sip, "line without \"name:\": " .. l.line)
            bad = true
        else
            local fname = string.sub(l.line, 1, colon - 1)
            local rest = string.sub(l.line, colon + 1)
            local lead = string.match(rest, "^[ \t]*")
            local value = string.match(string.sub(rest, #lead + 1), "^(.-)[ \t]*$")
            local voff = l.offset + colon + #lead
            if fields[fname] then
                -- the model refuses the body; like its parser, keep the first value
                t:add_proto_expert_info(e.bad_sip, "field repeated: " .. fname)
                bad = true
            else
                fields[fname] = {
                    value = value,
                    range = tvb(l.offset, l.len),
                    vrange = (#value > 0 and voff + #value <= len) and tvb(voff, #value)
                        or tvb(l.offset, l.len),
                }
                order[#order + 1] = fname
            end
        end
    end
    if not msg_type then
        msg_type = fields["old-address"] and ADD_CHANGE or ADD_CONFIRM
    end
    local name = type_names[msg_type]
    t:add(f.type, msg_type):set_generated()
    t:add(f.scheme, scheme_of(msg_type, "SIP")):set_generated()
    t:append_text(": " .. name)
    local summary = name

    local function missing(fname)
        t:add_proto_expert_info(e.bad_sip, "missing field: " .. fname)
        bad = true
    end
    local known = { token = true, sequence = true, ["old-address"] = true,
        ["new-address"] = true, ["new-port"] = true, signature = true }
    local tk = fields["token"]
    if tk then
        if string.match(tk.value, "^%x+$") and #tk.value <= 16 then
            local value = UInt64.fromhex(tk.value)
            t:add(f.token, tk.vrange, value)
            summary = summary .. " token=0x" .. value:tohex()
        else
            t:add_proto_expert_info(e.bad_sip, "token is not up to 16 hex digits: " .. tk.value)
            bad = true
        end
    else
        missing("token")
    end
    local sq = fields["sequence"]
    if sq then
        local n = string.match(sq.value, "^%d+$") and #sq.value <= 10 and tonumber(sq.value)
        if n and n <= 0xffffffff then
            t:add(f.seq, sq.vrange, n)
            summary = summary .. " seq=" .. n
        else
            t:add_proto_expert_info(e.bad_sip, "sequence is not a 32-bit decimal: " .. sq.value)
            bad = true
        end
    else
        missing("sequence")
    end
    local function address(fname, field, tag)
        local a = fields[fname]
        if not a then
            missing(fname)
            return
        end
        local o = { string.match(a.value, "^(%d+)%.(%d+)%.(%d+)%.(%d+)$") }
        local valid = #o == 4
        for i = 1, #o do
            if #o[i] > 3 or tonumber(o[i]) > 255 then
                valid = false
            end
        end
        if valid then
            t:add(field, a.vrange, Address.ip(a.value))
            summary = summary .. " " .. tag .. "=" .. a.value
        else
            t:add_proto_expert_info(e.bad_sip, fname .. " is not a dotted quad: " .. a.value)
            bad = true
        end
    end
    if msg_type == ADD_CHANGE then
        address("old-address", f.old_addr, "old")
    end
    address("new-address", f.new_addr, "new")
    local pt = fields["new-port"]
    if pt then
        local n = string.match(pt.value, "^%d+$") and #pt.value <= 5 and tonumber(pt.value)
        if n and n <= 65535 then
            local pi = t:add(f.new_port, pt.vrange, n)
            if n == 0 then
                pi:add_proto_expert_info(e.bad_body, "new port 0: the receiver rejects the message")
            end
            summary = summary .. ":" .. n
        else
            t:add_proto_expert_info(e.bad_sip, "new-port is not a port number: " .. pt.value)
            bad = true
        end
    else
        missing("new-port")
    end
    local sg = fields["signature"]
    if sg then
        local ba = string.match(sg.value, "^[A-Za-z0-9+/]+=?=?$") and (#sg.value % 4 == 0)
            and base64_bytes(sg.value)
        if ba and ba:len() > 0 then
            local stvb = ba:tvb("Ed25519 signature (base64-decoded)")
            local si = t:add(f.signature, stvb())
            t:add(f.auth_len, ba:len()):set_generated()
            if ba:len() ~= 64 then
                si:add_proto_expert_info(e.bad_sip,
                    string.format("signature of %d bytes, expected 64", ba:len()))
                bad = true
            end
        else
            t:add_proto_expert_info(e.bad_sip, "signature is not base64")
            bad = true
        end
    else
        missing("signature")
    end
    for _, fname in ipairs(order) do
        if not known[fname] then
            t:add(f.sip_field, fields[fname].range) -- unknown lines are ignored by the receiver
        end
    end
    if bad then
        summary = summary .. " [malformed]"
    end
    pinfo.cols.protocol:set("SIP/MobiSocket")
    local info = tostring(pinfo.cols.info)
    if string.match(info, "|%s*$") then
        pinfo.cols.info:append(summary)
    else
        pinfo.cols.info:append(" | " .. summary)
    end
    return len
end

-- Entry point for the tables (udp.port, media_type) and "Decode As".
function p.dissector(tvb, pinfo, tree)
    local ok, used = pcall(function()
        local content = pinfo.match_string and string.lower(tostring(pinfo.match_string)) or ""
        if sip_types[content] or (tvb:len() >= 4 and tvb(0, 4):uint() ~= MAGIC
                and tvb(0, math.min(6, tvb:len())):string() == "token:") then
            return dissect_sip_body(tvb, pinfo, tree)
        end
        local transport = last(tcp_flags_urg) and "TCP" or "UDP"
        return dissect_binary(tvb, pinfo, tree, transport)
    end)
    if not ok then
        -- never let an unexpected input raise an error out of the dissector
        tree:add(p, tvb()):add_proto_expert_info(e.truncated, "decoding failed: " .. tostring(used))
        return tvb:len()
    end
    return used
end

-- Heuristics: a payload that starts with the "MoBi" magic.
local heuristic_frame = nil -- the frame the TCP heuristic decoded last (see the postdissector)

local function heuristic(transport)
    return function(tvb, pinfo, tree)
        if tvb:len() < 4 or tvb(0, 4):uint() ~= MAGIC then
            return false
        end
        if transport == "TCP" then
            heuristic_frame = pinfo.number
        end
        local ok, err = pcall(dissect_binary, tvb, pinfo, tree, transport)
        if not ok then
            tree:add(p, tvb()):add_proto_expert_info(e.truncated, "decoding failed: " .. tostring(err))
        end
        return true
    end
end

p:register_heuristic("tcp", heuristic("TCP"))
p:register_heuristic("udp", heuristic("UDP"))
DissectorTable.get("udp.port"):add(UDP_PORT, p)
local media = DissectorTable.get("media_type")
for content, _ in pairs(sip_types) do
    media:add(content, p)
end

-- The postdissector: the SYN option, and in-band messages TCP did not hand over.
local popt = Proto("mobisocket_option", "MobiSocket/TCP-R negotiation option (postdissector)")
local tcp_payload = Field.new("tcp.payload")

-- With sequence analysis on (the default), TCP gives no subdissector a segment
-- it takes for a retransmission: a control message sent again, or one whose
-- seq (SND.NXT) data already used. Decode those from tcp.payload here.
local function dissect_unclaimed_payload(pinfo, tree)
    if heuristic_frame == pinfo.number then
        return
    end
    local fi = last(tcp_payload)
    if fi == nil or fi.len < 4 then
        return
    end
    local r = fi.range
    if r == nil or r:len() < 4 or r(0, 4):uint() ~= MAGIC then
        return
    end
    dissect_binary(r:tvb(), pinfo, tree, "TCP")
end

local function dissect_options(tvb, pinfo, tree)
    local all = { tcp_options() }
    if #all == 0 then
        return
    end
    local syn = last(tcp_flags_syn)
    local ack = last(tcp_flags_ack)
    local role = (syn and syn.value) and ((ack and ack.value) and "answer (SYN+ACK)" or "offer (SYN)")
        or "not in a SYN"
    for _, fi in ipairs(all) do
        local r = fi.range
        local n = r and r:len() or 0
        local i = 0
        while i < n do
            local kind = r(i, 1):uint()
            if kind == 0 then
                break
            elseif kind == 1 then
                i = i + 1
            else
                if i + 1 >= n then
                    break
                end
                local olen = r(i + 1, 1):uint()
                if olen < 2 or i + olen > n then
                    if kind == OPTION_KIND then
                        local t = tree:add(p, r(i, n - i), "MobiSocket negotiation option")
                        t:add_proto_expert_info(e.bad_option,
                            string.format("option length %d does not fit the %d option bytes left",
                                olen, n - i))
                    end
                    break
                end
                if kind == OPTION_KIND and olen >= 4 then
                    local exid = r(i + 2, 2):uint()
                    if exid_names[exid] then
                        local t = tree:add(p, r(i, olen),
                            string.format("%s negotiation option (kind 253, ExID 0x%04X)",
                                exid_names[exid], exid))
                        t:add(f.opt_kind, r(i, 1))
                        t:add(f.opt_len, r(i + 1, 1))
                        t:add(f.opt_exid, r(i + 2, 2))
                        t:add(f.opt_scheme, exid_names[exid]):set_generated()
                        t:add(f.opt_role, role):set_generated()
                        if olen >= 9 then
                            local version = r(i + 4, 1):uint()
                            local vi = t:add(f.opt_version, r(i + 4, 1))
                            if version < 1 then
                                vi:add_proto_expert_info(e.bad_option,
                                    "version 0: the peer ignores the offer")
                            end
                            local nonce = r(i + 5, 4):uint()
                            local ni = t:add(f.opt_nonce, r(i + 5, 4))
                            if nonce == 0 then
                                ni:add_proto_expert_info(e.bad_option,
                                    "nonce 0: the peer ignores the offer")
                            end
                            if olen > 9 then
                                t:add_proto_expert_info(e.trailing,
                                    string.format("%d bytes after the nonce", olen - 9))
                            end
                        else
                            t:add_proto_expert_info(e.bad_option,
                                string.format("length %d: version and nonce need 9; the peer ignores it",
                                    olen))
                        end
                        if not (syn and syn.value) then
                            t:add_proto_expert_info(e.bad_option,
                                "negotiation option outside a SYN (ignored)")
                        end
                    end
                end
                i = i + olen
            end
        end
    end
end

function popt.dissector(tvb, pinfo, tree)
    local ok, err = pcall(function()
        dissect_options(tvb, pinfo, tree)
        dissect_unclaimed_payload(pinfo, tree)
    end)
    if not ok then
        tree:add(p, tvb(0, 0)):add_proto_expert_info(e.bad_option,
            "decoding failed: " .. tostring(err))
    end
end

register_postdissector(popt)
