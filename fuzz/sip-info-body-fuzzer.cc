/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: the bodies of MobiSocket's SIP INFO requests (RFC 6086 Info
 * Package "mobisocket-update"), an AddChange or AddConfirm as "name: value"
 * lines with a base64 signature, read by SipInfoBody::Decode
 * (model/sip-body.cc). The input is the body as SipMessage::GetBody()
 * returns it to SipUserAgent::HandleInfo, which decodes it as an AddChange
 * or an AddConfirm by Content-Type: the target tries both.
 *
 * Round trip: a body that decodes is encoded again (SipInfoBody::Encode,
 * what the user agent sends), decodes to the same message, and its text is
 * a fixed point. The decoded message is what ChangeExchange::ReceiveUpdate
 * and ReceiveConfirm get, as from a binary control message: its signed bytes
 * (GetSignedBytes(), what the signature is checked over) must be a message
 * that the binary parser reads back to the same fields. Seeds:
 * fuzz/corpus/sip-info-body/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/sip-body.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace
{

using namespace ns3;
using mobisocket_fuzz::SameFields;

/**
 * \brief Check a decoded message.
 * \tparam H AddChangeHeader or AddConfirmHeader
 * \param decoded the message
 */
template <class H>
void
CheckDecoded(const H& decoded)
{
    const std::string text = SipInfoBody::Encode(decoded);
    H again;
    FUZZ_CHECK(SipInfoBody::Decode(text, again), "the encoded body does not decode:\n" << text);
    FUZZ_CHECK(SameFields(decoded, again), "fields differ after a round trip:\n" << text);
    FUZZ_CHECK(SipInfoBody::Encode(again) == text, "the text is not a fixed point:\n" << text);

    // The same message in the binary format (what the signature covers).
    std::vector<uint8_t> bytes = decoded.GetBytes();
    Ptr<Packet> packet = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    H binary;
    const bool parses = packet->PeekHeader(binary) == bytes.size() && binary.IsWellFormed();
    FUZZ_CHECK(parses, "a decoded body is not a well-formed binary message");
    FUZZ_CHECK(SameFields(decoded, binary), "the binary message has other fields");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string body(reinterpret_cast<const char*>(data), size);
    AddChangeHeader change;
    if (SipInfoBody::Decode(body, change))
    {
        CheckDecoded(change);
    }
    AddConfirmHeader confirm;
    if (SipInfoBody::Decode(body, confirm))
    {
        CheckDecoded(confirm);
    }
    return 0;
}
