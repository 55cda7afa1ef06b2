/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: the SDP body of a MobiSocket INVITE or 200 OK
 * (SipSessionDescription::Parse in model/sip-body.cc, oSIP's
 * sdp_message_parse underneath), which carries the peer's address, port,
 * RFC 4145 setup and its Ed25519 public key. The input is the body as
 * SipMessage::GetBody() returns it to SipUserAgent::HandleInvite and
 * InviteAnswered (any bytes; the parser refuses NUL itself).
 *
 * Round trip: a description that parses is written again with ToString()
 * (what the user agent sends), which must parse to the same description,
 * and whose text is a fixed point. Seeds: fuzz/corpus/sip-sdp/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/sip-body.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace
{

using namespace ns3;

/**
 * \param a a description
 * \param b another
 * \return true if every field the module reads or writes is equal
 */
bool
Same(const SipSessionDescription& a, const SipSessionDescription& b)
{
    return a.user == b.user && a.version == b.version && a.address == b.address &&
           a.port == b.port && a.setup == b.setup && a.newConnection == b.newConnection &&
           a.hasKey == b.hasKey && (!a.hasKey || a.key == b.key);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string body =
        mobisocket_fuzz::AsReceived(std::string(reinterpret_cast<const char*>(data), size));
    SipSessionDescription sdp;
    if (!SipSessionDescription::Parse(body, sdp))
    {
        return 0;
    }
    const std::string text = sdp.ToString();
    FUZZ_CHECK(!text.empty(), "a parsed description cannot be written");
    SipSessionDescription again;
    FUZZ_CHECK(SipSessionDescription::Parse(text, again),
               "the description's own text does not parse:\n"
                   << text);
    FUZZ_CHECK(Same(sdp, again),
               "fields differ after a round trip (user '" << sdp.user << "' / '" << again.user
                                                          << "'):\n"
                                                          << text);
    FUZZ_CHECK(again.ToString() == text, "the text is not a fixed point:\n" << text);
    return 0;
}
