#! /usr/bin/python3
"""Check the Wireshark dissector (tools/wireshark/mobisocket.lua) on pcaps of real runs.

Usage: wireshark-dissector-test.py EXAMPLE LUA_SCRIPT [--keep DIR]

EXAMPLE is build/examples/mobisocket-wifi-handover, LUA_SCRIPT the
dissector. The example runs four times with --pcap=1 into a temporary
folder: MobiSocket in band (AddChange/AddConfirm in URG segments), TCP-R
(KeyShare, RedirectRequest/RedirectAck in URG segments), the redirect
daemon (the same messages over UDP port 7700) and MobiSocket over SIP
(AddChange/AddConfirm in INFO bodies). tshark decodes the station's pcap
(wifi-MH-*.pcap) and the correspondent host's wired pcap (the p2p pcap whose
every packet has the CH's address) with the script, and the test checks the
mobisocket.* fields by name against facts that do not come from the
dissector:

* the run's own message counts and IP bytes (printed by the example and in
  summary.json) against the messages the dissector finds;
* the raw bytes of every message (tcp.payload / udp.payload, or the SIP
  body's text), decoded here from the formats in
  src/mobisocket/model/mobility-control-header.cc and sip-body.cc, against
  every field the dissector shows;
* Wireshark's own decoding of the SYN's kind-253 option
  (tcp.options.experimental.*) against mobisocket.option.*;
* the connection token against the two SYN nonces (MobiSocket, TCP-R:
  initiator << 32 | responder) or the FNV-1a connection id of the 4-tuple
  (redirect daemon);
* the old and new address against the MH's DHCP leases (Wireshark's DHCP
  dissector), the new one being the lease at the timeline's lease_s; the
  new port against the MH's port in the SYN.

Without the example, on pcaps written here: malformed and short messages
(mobisocket.expert.*, never a Lua error; among them family 5 or 0, family 6 on
a KeyShare, a family-6 AddChange cut short), every prefix of every message of
family 4 and 6, and the IPv6 (family 6) messages: the seeds
fuzz/corpus/control-message/add-change-ipv6 and add-confirm-ipv6 and a
RedirectRequest/RedirectAck made here, over UDP, and the seed
fuzz/corpus/mobility-demux/urg-add-change-ipv6 as a TCP segment in raw IPv6
packets, each field (mobisocket.old_addr6, new_addr6, ...) against the bytes.

Only the standard library is used. Exit status 0 when every check passes, 1
otherwise, 77 (skipped) when tshark with Lua is not installed.
"""

import base64
import glob
import ipaddress
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback

MAGIC = 0x4D6F4269
TYPES = {1: "AddChange", 2: "AddConfirm", 3: "KeyShare", 4: "RedirectRequest", 5: "RedirectAck"}
AUTH = {1: 64, 2: 64, 3: 0, 4: 32, 5: 32}
ADDRESS = {4: 4, 6: 16}  # address bytes per envelope family (4 = IPv4, 6 = IPv6)
FAMILIES = {1: (4, 6), 2: (4, 6), 3: (4,), 4: (4, 6), 5: (4, 6)}  # the families a type carries
EXID = {"mobisocket": 0x4D53, "tcp-r": 0x5452}
SKIP = 77

# The runs: name, example arguments, the messages they must contain.
COMMON = ["--traffic=stream", "--simTimeS=6", "--pcap=1"]
RUNS = [
    ("mobisocket-inband", ["--protocol=mobisocket", "--signalling=inband"],
     ["AddChange", "AddConfirm"]),
    ("tcp-r", ["--protocol=tcp-r"], ["KeyShare", "RedirectRequest", "RedirectAck"]),
    ("redirect", ["--protocol=redirect", "--prepareAfterS=0.5"],
     ["KeyShare", "RedirectRequest", "RedirectAck"]),
    ("mobisocket-sip", ["--protocol=mobisocket", "--signalling=direct"],
     ["AddChange", "AddConfirm"]),
]

FIELDS = [
    "frame.number", "frame.time_epoch", "wlan.fc.retry", "ip.src", "ip.dst", "ip.len",
    "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack",
    "tcp.flags.urg",
    "tcp.urgent_pointer", "tcp.payload", "tcp.options.experimental.exid",
    "tcp.options.experimental.data", "udp.srcport", "udp.dstport", "udp.payload",
    "sip.Method", "dhcp.option.dhcp", "dhcp.ip.your",
    "mobisocket", "mobisocket.magic", "mobisocket.type", "mobisocket.version",
    "mobisocket.family", "mobisocket.reserved", "mobisocket.token", "mobisocket.seq",
    "mobisocket.old_addr", "mobisocket.new_addr", "mobisocket.old_addr6", "mobisocket.new_addr6",
    "mobisocket.new_port", "mobisocket.length",
    "mobisocket.key_share", "mobisocket.signature", "mobisocket.mac", "mobisocket.transport",
    "mobisocket.option.kind", "mobisocket.option.length", "mobisocket.option.exid",
    "mobisocket.option.version", "mobisocket.option.nonce", "_ws.expert.message",
    "_ws.lua.error", "_ws.malformed", "_ws.col.Info",
]
EXPERTS = ["mobisocket.expert." + e for e in (
    "truncated", "bad_magic", "bad_type", "bad_version", "bad_family", "bad_body", "trailing",
    "urgent", "bad_option", "bad_sip")]
FIELDS += EXPERTS


class Checker:
    """Counts checks and failures, printing each failure."""

    def __init__(self):
        self.checks = 0
        self.failures = []
        self.context = ""

    def check(self, condition, what):
        self.checks += 1
        if not condition:
            self.failures.append(f"{self.context}: {what}")
            print(f"FAIL {self.context}: {what}", flush=True)
        return condition

    def equal(self, actual, expected, what):
        shown = [v.hex() if isinstance(v, bytes) else v for v in (actual, expected)]
        return self.check(actual == expected, f"{what}: got {shown[0]!r}, expected {shown[1]!r}")


def tshark_ok():
    """Return (ok, reason): tshark is installed and built with Lua."""
    if shutil.which("tshark") is None:
        return False, "tshark is not installed (apt-get install tshark)"
    version = subprocess.run(["tshark", "-v"], capture_output=True, text=True).stdout
    if not re.search(r"with Lua", version):
        return False, "tshark is built without Lua"
    return True, version.splitlines()[0]


def decode(pcap, lua, options=()):
    """Decode a pcap with the dissector; return one dict of field lists per packet."""
    command = ["tshark", "-n", "-X", f"lua_script:{lua}", "-r", pcap, "-T", "json", *options]
    for field in FIELDS:
        command += ["-e", field]
    result = subprocess.run(command, capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines()
              if line.strip() and "Running as user" not in line]
    if result.returncode != 0 or errors:
        raise RuntimeError(f"tshark failed on {pcap} (status {result.returncode}):\n"
                           + "\n".join(errors))
    return [entry["_source"]["layers"] for entry in json.loads(result.stdout or "[]")]


def one(layers, field, default=None):
    values = layers.get(field)
    return values[-1] if values else default


def hexbytes(text):
    return bytes.fromhex(text.replace(":", "")) if text else b""


def as_int(text):
    return int(text, 0) if text is not None else None


def read_pcap_addresses(path):
    """(source, destination) of every IPv4 packet of a PPP pcap, read without tshark."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    skip = {9: 2, 1: 14, 101: 0}.get(linktype)
    if skip is None:
        return []
    pairs = []
    offset = 24
    while offset + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[offset + 8:offset + 12])[0]
        packet = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        ip = packet[skip:]
        if len(ip) >= 20 and ip[0] >> 4 == 4:
            pairs.append((".".join(map(str, ip[12:16])), ".".join(map(str, ip[16:20]))))
    return pairs


def duplicate_control_segments(source, target):
    """Copy a PPP pcap, sending every TCP segment that carries a control message twice.

    The copy is what an exchange's retransmission looks like: Wireshark flags it
    as a TCP retransmission and hands it to no subdissector; the dissector must
    decode it all the same. Returns the number of segments duplicated.
    """
    with open(source, "rb") as f:
        data = f.read()
    endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    out = [data[:24]]
    offset, copies = 24, 0
    while offset + 16 <= len(data):
        seconds, fraction, caplen, length = struct.unpack(endian + "IIII", data[offset:offset + 16])
        record = data[offset:offset + 16 + caplen]
        offset += 16 + caplen
        out.append(record)
        ip = record[16 + 2:]
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
            continue
        tcp = ip[(ip[0] & 15) * 4:]
        if len(tcp) >= 20 and tcp[(tcp[12] >> 4) * 4:][:4] == struct.pack(">I", MAGIC):
            out.append(struct.pack(endian + "IIII", seconds, fraction + 1, caplen, length)
                       + record[16:])
            copies += 1
    with open(target, "wb") as f:
        f.write(b"".join(out))
    return copies


def fnv1a64(opener, opener_port, responder, responder_port):
    """RedirectDaemon::ComputeConnectionId."""
    data = (bytes(map(int, opener.split("."))) + struct.pack(">H", opener_port)
            + bytes(map(int, responder.split("."))) + struct.pack(">H", responder_port))
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h or 1


def parse_counts(stdout):
    """The example's signalling lines: '  AddChange           1 msgs, 146 B'."""
    counts = {}
    for line in stdout.splitlines():
        m = re.match(r"^\s+(.+?)\s+(\d+) msgs, (\d+) B$", line)
        if m:
            counts[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return counts


def body_size(mtype, family=4):
    """Body bytes of a message type with addresses of a family (mobility-control-header.cc)."""
    a = ADDRESS.get(family, 4)
    return {1: 2 * a + 2, 2: a + 2, 3: 32, 4: 2 * a + 2, 5: a + 2}.get(mtype, 0)


def message_size(mtype, family=4):
    return 20 + body_size(mtype, family) + AUTH[mtype]


def address_text(raw):
    """An address's text: dotted quad for 4 bytes, RFC 5952 for 16."""
    return str(ipaddress.ip_address(bytes(raw)))


def raw_message(payload):
    """Decode a binary control message here, from the header's format.

    Addresses of family 6 are old_addr6/new_addr6 (the dissector's field names),
    of family 4 old_addr/new_addr."""
    m = {"length": len(payload)}
    if len(payload) < 20:
        return None
    magic, mtype, version, family, reserved, token, seq = struct.unpack(">IBBBBQI", payload[:20])
    m.update(magic=magic, type=mtype, version=version, family=family, reserved=reserved,
             token=token, seq=seq)
    body = payload[20:]
    a = ADDRESS.get(family, 4)
    suffix = "6" if family == 6 else ""
    if mtype in (1, 4):
        m["old_addr" + suffix] = address_text(body[0:a])
        m["new_addr" + suffix] = address_text(body[a:2 * a])
        m["new_port"] = struct.unpack(">H", body[2 * a:2 * a + 2])[0]
    elif mtype in (2, 5):
        m["new_addr" + suffix] = address_text(body[0:a])
        m["new_port"] = struct.unpack(">H", body[a:a + 2])[0]
    elif mtype == 3:
        m["key_share"] = body[:32]
    auth = payload[20 + body_size(mtype, family):]
    if AUTH.get(mtype) == 64:
        m["signature"] = auth
    elif AUTH.get(mtype) == 32:
        m["mac"] = auth
    return m


def sip_message(payload):
    """Decode a SIP INFO's MobiSocket body here (sip-body.cc's text format)."""
    text = payload.decode("ascii", "replace")
    head, _, body = text.partition("\r\n\r\n")
    ctype = re.search(r"^Content-Type:\s*(\S+)", head, re.M | re.I)
    ctype = ctype.group(1).lower() if ctype else ""
    kinds = {"application/vnd.mobisocket.addchange": 1,
             "application/vnd.mobisocket.addconfirm": 2}
    if ctype not in kinds:
        return None
    fields = dict(re.findall(r"^([^:\r\n]+):[ \t]*(.*?)[ \t]*\r?$", body, re.M))
    m = {"type": kinds[ctype], "token": int(fields["token"], 16), "seq": int(fields["sequence"]),
         "new_addr": fields["new-address"], "new_port": int(fields["new-port"]),
         "signature": base64.b64decode(fields["signature"], validate=True)}
    if "old-address" in fields:
        m["old_addr"] = fields["old-address"]
    return m


def dissected(layers):
    """The dissector's view of one message, from its fields."""
    d = {"type": as_int(one(layers, "mobisocket.type")),
         "token": as_int(one(layers, "mobisocket.token")),
         "seq": as_int(one(layers, "mobisocket.seq")),
         "transport": one(layers, "mobisocket.transport")}
    for name in ("magic", "version", "family", "reserved"):
        value = one(layers, f"mobisocket.{name}")
        if value is not None:
            d[name] = as_int(value)
    for name in ("old_addr", "new_addr", "old_addr6", "new_addr6"):
        value = one(layers, f"mobisocket.{name}")
        if value is not None:
            # the address as Python writes it (tshark's IPv6 text may compress differently)
            d[name] = str(ipaddress.ip_address(value)) if name.endswith("6") else value
    if one(layers, "mobisocket.new_port") is not None:
        d["new_port"] = as_int(one(layers, "mobisocket.new_port"))
    for name in ("key_share", "signature", "mac"):
        value = one(layers, f"mobisocket.{name}")
        if value is not None:
            d[name] = hexbytes(value)
    return d


BODY_FIELDS = {"old_addr", "new_addr", "old_addr6", "new_addr6", "new_port", "key_share",
               "signature", "mac"}


def check_fields(c, d, r, what):
    """Every field the dissector shows (d) equals the raw decoding (r): none missing, none extra."""
    c.equal(sorted(BODY_FIELDS & set(d)), sorted(BODY_FIELDS & set(r)),
            f"{what}: body fields shown")
    for key, value in r.items():
        if key != "length":
            c.equal(d.get(key), value, f"{what}: mobisocket.{key}")


def check_run(c, name, args, expected_types, example, lua, folder):
    c.context = name
    out = os.path.join(folder, name)
    os.makedirs(out)
    run = subprocess.run([example] + COMMON + args + [f"--outputDir={out}"],
                         capture_output=True, text=True, timeout=300)
    if not c.equal(run.returncode, 0, "example exit status"):
        print(run.stdout, run.stderr)
        return
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    printed = parse_counts(run.stdout)
    c.equal(summary["verdict"], "survived", "run verdict")
    mh_handovers = [h for h in summary["handovers"] if h["host"] == "MH"]
    if not c.equal(len(mh_handovers), 1, "handovers of the MH"):
        return
    lease_s = mh_handovers[0]["lease_s"]

    # The expected counts and IP bytes per message type, printed and in summary.json.
    expected = {}
    for label, (count, ip_bytes) in printed.items():
        key = label.replace("UDP ", "")
        if key in TYPES.values() or label == "SIP INFO":
            expected[key] = (count, ip_bytes)
            entry = summary["signalling"].get(label)
            c.check(entry is not None and (entry["count"], entry["ip_bytes"]) == (count, ip_bytes),
                    f"{label}: printed {count} msgs, {ip_bytes} B, summary.json {entry}")
    for t in expected_types:
        if name == "mobisocket-sip":
            continue
        c.check(t in expected, f"the run reports {t} messages")
    if name == "mobisocket-sip":
        c.check("SIP INFO" in expected, "the run reports SIP INFO messages")

    # The pcaps: the station's and the CH's wired link.
    station = glob.glob(os.path.join(out, "wifi-MH-*.pcap"))
    if not c.equal(len(station), 1, "station pcaps wifi-MH-*.pcap"):
        return
    packets = decode(station[0], lua)
    syn = [p for p in packets if one(p, "tcp.flags.syn") in ("1", "True")
           and one(p, "tcp.flags.ack") in ("0", "False") and one(p, "tcp.dstport") == "5001"]
    synack = [p for p in packets if one(p, "tcp.flags.syn") in ("1", "True")
              and one(p, "tcp.flags.ack") in ("1", "True") and one(p, "tcp.srcport") == "5001"]
    if not (c.equal(len(syn), 1, "SYNs to port 5001 in the station pcap")
            and c.check(len(synack) >= 1, "SYN+ACK in the station pcap")):
        return
    syn, synack = syn[0], synack[0]
    mh_port = int(one(syn, "tcp.srcport"))
    ch_address = one(syn, "ip.dst")

    # The MH's leases: DHCP ACKs to the station; the new one at the timeline's lease_s.
    acks = [(float(one(p, "frame.time_epoch")), one(p, "dhcp.ip.your")) for p in packets
            if one(p, "dhcp.option.dhcp") == "5"]
    old_leases = [a for t, a in acks if t < mh_handovers[0]["start_s"]]
    new_leases = [a for t, a in acks if abs(t - lease_s) < 0.02]
    if not (c.check(old_leases, "a DHCP ACK before the handover")
            and c.equal(len(set(new_leases)), 1, f"DHCP ACKs at lease_s={lease_s}")):
        return
    old_address, new_address = old_leases[-1], new_leases[0]
    c.check(old_address != new_address, "the lease changed the address")
    c.equal(one(syn, "ip.src"), old_address, "SYN from the first lease")

    # The CH's wired link: every packet to or from the CH, from both of the MH's addresses
    # (each access link sees one of them).
    wired = []
    for pcap in sorted(glob.glob(os.path.join(out, "p2p-*.pcap"))):
        pairs = read_pcap_addresses(pcap)
        seen = {a for pair in pairs for a in pair}
        if pairs and all(ch_address in pair for pair in pairs) and {old_address, new_address} <= seen:
            wired.append(pcap)
    if not c.equal(len(wired), 1, f"wired pcaps of the CH ({ch_address})"):
        return

    # The negotiation option (the dissector's and Wireshark's own decoding).
    scheme = "tcp-r" if name == "tcp-r" else "mobisocket" if name.startswith("mobisocket") else None
    nonces = []
    for label, p in (("SYN", syn), ("SYN+ACK", synack)):
        if scheme is None:
            c.equal(one(p, "mobisocket.option.exid"), None, f"{label}: no mobisocket.option")
            continue
        exid = as_int(one(p, "mobisocket.option.exid"))
        c.equal(exid, EXID[scheme], f"{label}: mobisocket.option.exid")
        c.equal(exid, as_int(one(p, "tcp.options.experimental.exid")),
                f"{label}: mobisocket.option.exid vs tcp.options.experimental.exid")
        c.equal(as_int(one(p, "mobisocket.option.kind")), 253, f"{label}: mobisocket.option.kind")
        c.equal(as_int(one(p, "mobisocket.option.length")), 9, f"{label}: mobisocket.option.length")
        c.equal(as_int(one(p, "mobisocket.option.version")), 1, f"{label}: mobisocket.option.version")
        data = hexbytes(one(p, "tcp.options.experimental.data"))
        nonce = as_int(one(p, "mobisocket.option.nonce"))
        c.check(len(data) == 5 and nonce == struct.unpack(">I", data[1:5])[0] and nonce != 0,
                f"{label}: mobisocket.option.nonce {nonce} vs option data {data.hex()}")
        nonces.append(nonce or 0)
        c.check("mobisocket" in p, f"{label}: matches the display filter 'mobisocket'")
    if scheme is not None and len(nonces) == 2:
        token = nonces[0] << 32 | nonces[1]
    else:
        token = fnv1a64(old_address, mh_port, ch_address, 5001)

    # The messages, in both pcaps.
    views = {}
    for label, pcap, decoded in (("station", station[0], packets),
                                 ("wired", wired[0], decode(wired[0], lua))):
        c.context = f"{name}/{label}"
        messages = []
        for p in decoded:
            if one(p, "mobisocket.type") is None:
                continue
            if label == "station" and one(p, "wlan.fc.retry") in ("1", "True"):
                continue  # a MAC-layer retransmission of a frame already counted
            d = dissected(p)
            if name == "mobisocket-sip":
                r = sip_message(hexbytes(one(p, "udp.payload")))
                c.equal(d["transport"], "SIP", "mobisocket.transport")
                c.equal(one(p, "sip.Method"), "INFO", "carried by a SIP INFO")
            elif one(p, "udp.payload") is not None:
                r = raw_message(hexbytes(one(p, "udp.payload")))
                c.equal(d["transport"], "UDP", "mobisocket.transport")
                c.check(one(p, "udp.srcport") == one(p, "udp.dstport") == "7700",
                        f"UDP ports {one(p, 'udp.srcport')} -> {one(p, 'udp.dstport')}")
            else:
                payload = hexbytes(one(p, "tcp.payload"))
                r = raw_message(payload)
                c.equal(d["transport"], "TCP", "mobisocket.transport")
                c.check(one(p, "tcp.flags.urg") in ("1", "True"), "URG set")
                c.equal(as_int(one(p, "tcp.urgent_pointer")), len(payload),
                        "urgent pointer covers the message")
            if not c.check(r is not None, f"frame {one(p, 'frame.number')} has a message"):
                continue
            if "length" in r:
                c.equal(r["length"], message_size(r["type"], r["family"]),
                        f"{TYPES.get(r['type'])} size")
                r.pop("length")
                c.equal(d.get("magic"), MAGIC, "mobisocket.magic")
            check_fields(c, d, r, f"frame {one(p, 'frame.number')}")
            c.equal([e for e in EXPERTS + ["_ws.lua.error", "_ws.malformed"] if e in p], [],
                    f"frame {one(p, 'frame.number')}: expert info {p.get('_ws.expert.message')}")
            d["ip_len"] = int(one(p, "ip.len"))
            d["ip_src"] = one(p, "ip.src")
            messages.append(d)
        views[label] = messages

        counted = {}
        for d in messages:
            t = TYPES.get(d["type"], str(d["type"]))
            n, b = counted.get(t, (0, 0))
            counted[t] = (n + 1, b + d["ip_len"])
        if name == "mobisocket-sip":
            n = sum(counted.get(t, (0, 0))[0] for t in ("AddChange", "AddConfirm"))
            b = sum(counted.get(t, (0, 0))[1] for t in ("AddChange", "AddConfirm"))
            c.equal((n, b), expected.get("SIP INFO"), "INFO bodies (msgs, IP bytes) vs SIP INFO")
            c.equal(sorted(counted), ["AddChange", "AddConfirm"], "message types in INFO bodies")
        else:
            c.equal(counted, {t: expected[t] for t in expected if t in TYPES.values()},
                    "(msgs, IP bytes) per type vs the run's summary")

        # What the messages say.
        for d in messages:
            t = TYPES.get(d["type"])
            c.equal(d["token"], token, f"{t}: mobisocket.token")
            if t in ("AddChange", "AddConfirm"):
                c.equal(len(d.get("signature", b"")), 64, f"{t}: mobisocket.signature length")
                c.check("mac" not in d, f"{t}: no mobisocket.mac")
            if t in ("RedirectRequest", "RedirectAck"):
                c.equal(len(d.get("mac", b"")), 32, f"{t}: mobisocket.mac length")
                c.check("signature" not in d, f"{t}: no mobisocket.signature")
            if t in ("AddChange", "RedirectRequest"):
                c.equal(d.get("old_addr"), old_address, f"{t}: mobisocket.old_addr (first lease)")
                c.equal(d.get("new_addr"), new_address, f"{t}: mobisocket.new_addr (new lease)")
                c.equal(d.get("new_port"), mh_port, f"{t}: mobisocket.new_port (MH's port)")
                c.equal(d["ip_src"], new_address, f"{t}: sent from the new address")
                c.equal(d["seq"], 1, f"{t}: mobisocket.seq")
            if t in ("AddConfirm", "RedirectAck"):
                c.equal(d.get("new_addr"), new_address, f"{t}: mobisocket.new_addr")
                c.equal(d.get("new_port"), mh_port, f"{t}: mobisocket.new_port")
                c.equal(d["ip_src"], ch_address, f"{t}: sent by the CH")
                c.equal(d["seq"], 1, f"{t}: mobisocket.seq")
            if t == "KeyShare":
                c.equal(len(d.get("key_share", b"")), 32, "KeyShare: mobisocket.key_share length")
                c.equal(d["seq"], 0 if d["ip_src"] == old_address else 1,
                        "KeyShare: mobisocket.seq (0 from the opener, 1 answering)")
                c.check("mac" not in d and "signature" not in d, "KeyShare: no authenticator")
        updates = [d for d in messages if d["type"] in (1, 4)]
        confirms = [d for d in messages if d["type"] in (2, 5)]
        if updates and confirms:
            c.equal(updates[0]["token"], confirms[0]["token"], "token equal in update and confirm")
    c.context = name
    key = lambda d: (d["type"], d["token"], d["seq"], d.get("new_addr"))
    if name != "mobisocket-sip" and name != "redirect":
        # In-band messages sent twice (as an exchange retransmits them): both decoded.
        twice = os.path.join(out, "twice.pcap")
        copies = duplicate_control_segments(wired[0], twice)
        c.equal(copies, len(views.get("wired", [])), "control segments duplicated")
        again = [dissected(p) for p in decode(twice, lua) if "mobisocket.type" in p]
        c.equal(sorted(map(key, again)), sorted(list(map(key, views.get("wired", []))) * 2),
                "every control message decoded twice when sent twice")
    c.equal(sorted(map(key, views.get("station", []))), sorted(map(key, views.get("wired", []))),
            "the station and the CH's link see the same messages")
    print(f"{name}: {', '.join(f'{t} {n}' for t, (n, _) in sorted(expected.items()))}; "
          f"token 0x{token:016x}, {old_address} -> {new_address}:{mh_port}", flush=True)


def write_pcap(path, datagrams):
    """A raw-IPv4 pcap of UDP datagrams (source port, destination port, payload)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for i, (sport, dport, payload) in enumerate(datagrams):
            udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
            ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                             bytes([10, 1, 2, 10]), bytes([10, 0, 200, 2])) + udp
            f.write(struct.pack("<IIII", i, 0, len(ip), len(ip)) + ip)


def internet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f">{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def write_pcap_ipv6_tcp(path, segments):
    """A raw-IPv6 pcap (LINKTYPE_IPV6, 229) of TCP segments (source, destination, segment).

    Each segment is a whole TCP header and payload; its checksum is set here from
    the IPv6 pseudo-header."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 229))
        for i, (source, destination, segment) in enumerate(segments):
            src = ipaddress.IPv6Address(source).packed
            dst = ipaddress.IPv6Address(destination).packed
            segment = segment[:16] + b"\0\0" + segment[18:]
            pseudo = src + dst + struct.pack(">IxxxB", len(segment), 6)
            segment = (segment[:16] + struct.pack(">H", internet_checksum(pseudo + segment))
                       + segment[18:])
            ip = struct.pack(">IHBB16s16s", 6 << 28, len(segment), 6, 64, src, dst) + segment
            f.write(struct.pack("<IIII", i, 0, len(ip), len(ip)) + ip)


def lua_error(layers):
    """A Lua error or an exception in the dissection of a packet."""
    return "_ws.lua.error" in layers or any(
        "Lua Error" in e or "decoding failed" in e or "Exception occurred" in e
        for e in layers.get("_ws.expert.message", []))


def sip_info(content_type, body):
    body = body.encode()
    return ("INFO sip:ch@10.0.200.2:5060 SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 10.1.2.10:5060;branch=z9hG4bK1\r\n"
            "From: <sip:mh@mobisocket.test>;tag=1\r\nTo: <sip:ch@mobisocket.test>;tag=2\r\n"
            "Call-ID: 1@10.1.1.10\r\nCSeq: 2 INFO\r\nMax-Forwards: 70\r\n"
            "Info-Package: mobisocket-update\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def check_malformed(c, lua, folder):
    """Short and malformed input gives mobisocket expert info, never a Lua error."""
    c.context = "malformed"
    good = (struct.pack(">IBBBBQI", MAGIC, 4, 1, 4, 0, 0x1122334455667788, 7)
            + bytes([10, 1, 1, 10, 10, 1, 2, 10]) + struct.pack(">H", 49153) + bytes(32))
    binary = [(good[:3], "truncated"), (good[:12], "truncated"), (good[:40], "truncated"),
              (b"XXXX" + good[4:], "bad_magic"), (good[:4] + b"\x09" + good[5:], "bad_type"),
              (good[:5] + b"\x02" + good[6:], "bad_version"),
              (good[:6] + b"\x05" + good[7:], "bad_family"),
              (good[:6] + b"\x00" + good[7:], "bad_family"),
              (good[:28] + b"\x00\x00" + good[30:], "bad_body"), (good + b"zz", "trailing")]
    # Family 6 (IPv6): a KeyShare carries no address and is family 4 only; a
    # family-6 AddChange is 118 bytes (16-byte addresses), so one cut short, or
    # one of the family-4 size (94), is truncated.
    keyshare6 = struct.pack(">IBBBBQI", MAGIC, 3, 1, 6, 0, 0x1122334455667788, 0) + bytes(32)
    change6 = (struct.pack(">IBBBBQI", MAGIC, 1, 1, 6, 0, 0x1122334455667788, 1)
               + ipaddress.IPv6Address("2001:db8:1::10").packed
               + ipaddress.IPv6Address("2001:db8:2::10").packed
               + struct.pack(">H", 49153) + bytes(range(64)))
    binary += [(keyshare6, "bad_family"), (change6[:60], "truncated"),
               (change6[:message_size(1, 4)], "truncated")]
    signature = base64.b64encode(bytes(range(64))).decode()
    fields = {"token": "00112233aabbccdd", "sequence": "1", "old-address": "10.1.1.10",
              "new-address": "10.1.2.10", "new-port": "49153", "signature": signature}

    def body(**change):
        merged = dict(fields, **change)
        return "".join(f"{k}: {v}\r\n" for k, v in merged.items() if v is not None)

    addchange = "application/vnd.mobisocket.addchange"
    sip = [body(signature=None), body(signature="!!!!"),
           body(signature=base64.b64encode(bytes(63)).decode()), body(**{"new-address": "10.1.2"}),
           body(token="xyz"), body(sequence="99999999999"), body(**{"new-port": "70000"}),
           body() + "no colon here\r\n", body() + "token: 1\r\n"]
    cases = binary + [(sip_info(addchange, b), "bad_sip") for b in sip]
    datagrams = [(5060 if e == "bad_sip" else 7700,) * 2 + (p,) for p, e in cases]
    path = os.path.join(folder, "malformed.pcap")
    write_pcap(path, datagrams)
    packets = decode(path, lua)
    c.equal(len(packets), len(datagrams), "packets decoded")
    for i, p in enumerate(packets[:len(datagrams)]):
        messages = p.get("_ws.expert.message", [])
        c.check("mobisocket" in p, f"case {i}: dissected as mobisocket")
        expert = "mobisocket.expert." + cases[i][1]
        c.check(expert in p, f"case {i}: {expert} in the expert infos {messages}")
        c.check(not lua_error(p), f"case {i}: no Lua error: {messages}")

    # Every prefix of every message, and random bytes after the magic: no Lua error.
    c.context = "fuzz"
    random = __import__("random").Random(1)
    fuzz = []
    for mtype in TYPES:
        for family in (4, 6):
            whole = (struct.pack(">IBBBBQI", MAGIC, mtype, 1, family, 0, 1, 1)
                     + bytes(random.randrange(1, 256)
                             for _ in range(body_size(mtype, family) + AUTH[mtype])))
            fuzz += [whole[:n] for n in range(1, len(whole) + 2)]
    fuzz += [struct.pack(">I", MAGIC) + bytes(random.randrange(256) for _ in range(n))
             for n in range(0, 120, 3)]
    path = os.path.join(folder, "fuzz.pcap")
    write_pcap(path, [(7700, 7700, p) for p in fuzz])
    packets = decode(path, lua)
    c.equal(len(packets), len(fuzz), "packets decoded")
    errors = [i for i, p in enumerate(packets) if lua_error(p)]
    c.equal(errors, [], "packets with a Lua error or an exception")
    c.equal(sum("mobisocket" in p for p in packets), len(fuzz), "packets dissected as mobisocket")


CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fuzz", "corpus")


def corpus_seed(name):
    """The bytes of a fuzzing seed (fuzz/make-corpus.cc writes them from the model)."""
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


def check_ipv6_message(c, p, message, what, transport, others_malformed=False):
    """One well-formed family-6 message as the dissector shows it, against its bytes.

    others_malformed: another dissector (HTTP on port 80) took the segment and may
    find it malformed; only the dissector's own expert info must be absent."""
    r = raw_message(message)
    if not (c.check("mobisocket" in p, f"{what}: dissected as mobisocket")
            and c.check(r is not None and r["type"] in TYPES, f"{what}: a control message")):
        return None
    d = dissected(p)
    c.equal(r["family"], 6, f"{what}: family byte of the message")
    c.equal(len(message), message_size(r["type"], 6), f"{what}: {TYPES[r['type']]} size (family 6)")
    c.equal(as_int(one(p, "mobisocket.length")), len(message), f"{what}: mobisocket.length")
    c.equal(d["transport"], transport, f"{what}: mobisocket.transport")
    c.equal(d.get("magic"), MAGIC, f"{what}: mobisocket.magic")
    check_fields(c, d, r, what)
    c.check(not ({"old_addr", "new_addr"} & set(d)), f"{what}: no IPv4 address field")
    shown = EXPERTS + ["_ws.lua.error"] + ([] if others_malformed else ["_ws.malformed"])
    c.equal([e for e in shown if e in p], [], f"{what}: expert info {p.get('_ws.expert.message')}")
    # The summary (Info column) shows the IPv6 addresses.
    info = one(p, "_ws.col.Info", "")
    wanted = [f"{TYPES[r['type']]} token=0x{r['token']:016x} seq={r['seq']}",
              f"new=[{r['new_addr6']}]:{r['new_port']}"]
    if "old_addr6" in r:
        wanted.append(f"old={r['old_addr6']}")
    for text in wanted:
        c.check(text in info, f"{what}: {text!r} in the Info column {info!r}")
    return r


def check_ipv6(c, lua, folder):
    """Well-formed family-6 (IPv6) messages over UDP, and in URG TCP segments over IPv6."""
    c.context = "ipv6/udp"
    messages = [("add-change-ipv6", corpus_seed("control-message/add-change-ipv6")),
                ("add-confirm-ipv6", corpus_seed("control-message/add-confirm-ipv6"))]
    # The TCP-R / redirect-daemon types of family 6 (no seeds): made here.
    old, new = (ipaddress.IPv6Address(a).packed for a in ("2001:db8:1::10", "2001:db8:3:0:1::20"))
    messages += [
        ("redirect-request-ipv6", struct.pack(">IBBBBQI", MAGIC, 4, 1, 6, 0, 0x0102030405060708, 2)
         + old + new + struct.pack(">H", 40000) + bytes(range(100, 132))),
        ("redirect-ack-ipv6", struct.pack(">IBBBBQI", MAGIC, 5, 1, 6, 0, 0x0102030405060708, 2)
         + new + struct.pack(">H", 40000) + bytes(range(200, 232)))]
    path = os.path.join(folder, "ipv6-udp.pcap")
    write_pcap(path, [(7700, 7700, m) for _, m in messages])
    packets = decode(path, lua)
    if c.equal(len(packets), len(messages), "packets decoded"):
        for (name, message), p in zip(messages, packets):
            check_ipv6_message(c, p, message, name, "UDP")
    seeds = {name: raw_message(m) for name, m in messages[:2]}
    c.equal((seeds["add-change-ipv6"]["type"], seeds["add-confirm-ipv6"]["type"]), (1, 2),
            "seed types (AddChange, AddConfirm)")

    # The seed of an AddChange in an URG segment (TCP header + message), over IPv6.
    c.context = "ipv6/tcp"
    segment = corpus_seed("mobility-demux/urg-add-change-ipv6")
    offset = (segment[12] >> 4) * 4
    message = segment[offset:]
    r = raw_message(message)
    if not c.check(r is not None and r["type"] == 1 and r["family"] == 6,
                   f"the seed urg-add-change-ipv6 holds a family-6 AddChange: {r}"):
        return
    ch = "2001:db8:200::2"
    # As the seed is (port 80, which TCP gives to HTTP), and with the MH's source
    # port to a port no dissector claims (TCP then tries the heuristic dissectors).
    moved = struct.pack(">HH", r["new_port"], 5001) + segment[4:]
    segments = [("seed", r["new_addr6"], ch, segment), ("port 5001", r["new_addr6"], ch, moved)]
    path = os.path.join(folder, "ipv6-tcp.pcap")
    write_pcap_ipv6_tcp(path, [s[1:] for s in segments])
    # By default, and with the heuristic dissectors tried before the port's (then
    # the dissector takes the port-80 segment from HTTP).
    for options in ((), ("-o", "tcp.try_heuristic_first:TRUE")):
        packets = decode(path, lua, options)
        if not c.equal(len(packets), len(segments), f"packets decoded {options}"):
            continue
        for (name, source, destination, data), p in zip(segments, packets):
            ports = struct.unpack(">HH", data[:4])
            what = f"{name} ({ports[0]} -> {ports[1]}){' heuristic first' if options else ''}"
            c.equal(one(p, "ipv6.src"), source, f"{what}: ipv6.src")
            c.equal(one(p, "ipv6.dst"), destination, f"{what}: ipv6.dst")
            c.equal(hexbytes(one(p, "tcp.payload")), message, f"{what}: tcp.payload is the message")
            c.check(one(p, "tcp.flags.urg") in ("1", "True"), f"{what}: URG set")
            c.equal(as_int(one(p, "tcp.urgent_pointer")), len(message),
                    f"{what}: urgent pointer covers the message")
            http = 80 in ports and not options
            check_ipv6_message(c, p, message, what, "TCP", others_malformed=http)
            if not http:
                c.check(not lua_error(p), f"{what}: no Lua error: {p.get('_ws.expert.message')}")


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.split("\n\n")[1])
        return 2
    example, lua = (os.path.abspath(a) for a in args)
    ok, reason = tshark_ok()
    if not ok:
        print(f"SKIP: {reason}")
        return SKIP
    print(reason)
    for path in (example, lua):
        if not os.path.exists(path):
            print(f"FAIL: {path} does not exist")
            return 1
    c = Checker()
    folder = keep or tempfile.mkdtemp(prefix="mobisocket-wireshark-")
    os.makedirs(folder, exist_ok=True)
    try:
        for name, run_args, types in RUNS:
            try:
                check_run(c, name, run_args, types, example, lua, folder)
            except Exception as error:  # a failure of this run; the others still run
                traceback.print_exc()
                c.check(False, f"{type(error).__name__}: {error}")
        for check in (check_malformed, check_ipv6):
            try:
                check(c, lua, folder)
            except Exception as error:
                traceback.print_exc()
                c.context = check.__name__
                c.check(False, f"{type(error).__name__}: {error}")
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{c.checks} checks, {len(c.failures)} failed")
    return 1 if c.failures or c.checks == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
