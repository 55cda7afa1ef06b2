/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: the DNS wire format of model/dns-message.h (RFC 1035
 * messages, RFC 2136 updates, RFC 8945 TSIG records) as the DNS rendezvous
 * gets it: the input is a UDP datagram's payload, decoded by
 * DnsMessage::Decode() exactly as DnsRendezvousServer::Receive and
 * DnsRendezvousClient::Receive decode it.
 *
 * Checks: a refusal names an error and an offset within the input; what
 * decodes encodes again (the decoder accepts only what the encoder can
 * write) and the encoding decodes to the same message; without compression
 * pointers the encoding is the input byte for byte; with a TSIG, the bytes
 * its MAC covers are the message before it (the encoder's EncodeUnsigned()
 * when uncompressed) and both MAC inputs can be built; the names the server
 * compares canonicalize; the server's response to it (MakeResponse) encodes
 * and decodes. Seeds: fuzz/corpus/dns-message/ (messages the module builds:
 * query and answer, signed update and its signed and unsigned responses).
 */

#include "fuzz-common.h"

#include "ns3/dns-message.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace
{

using namespace ns3;

/**
 * \brief Check that a decoded message survives a round trip.
 * \param decoded the decode result
 * \param input the bytes it was decoded from
 */
void
CheckRoundTrip(const DnsDecodeResult& decoded, const std::vector<uint8_t>& input)
{
    const DnsMessage& m = decoded.message;
    const std::vector<uint8_t> bytes = m.Encode();
    FUZZ_CHECK(!bytes.empty(), "a decoded message does not encode");
    FUZZ_CHECK(decoded.compressed || bytes == input,
               "uncompressed input of " << input.size() << " bytes re-encodes to " << bytes.size());
    const DnsDecodeResult again = DnsMessage::Decode(bytes);
    FUZZ_CHECK(again.Ok(), "the encoding does not decode: " << again.error);
    FUZZ_CHECK(again.message == m, "the encoding decodes to another message");
    FUZZ_CHECK(!again.compressed, "the encoder wrote a pointer");
    FUZZ_CHECK(again.message.Encode() == bytes, "the second encoding differs");
}

/**
 * \brief Check the bytes a TSIG's MAC covers.
 * \param decoded the decode result (with a TSIG)
 * \param input the bytes it was decoded from
 */
void
CheckTsig(const DnsDecodeResult& decoded, const std::vector<uint8_t>& input)
{
    const DnsMessage& m = decoded.message;
    const DnsTsig& tsig = *m.tsig;
    FUZZ_CHECK(decoded.unsignedBytes.size() >= DnsMessage::HEADER_SIZE &&
                   decoded.unsignedBytes.size() < input.size(),
               "covered bytes: " << decoded.unsignedBytes.size() << " of " << input.size());
    FUZZ_CHECK(decoded.compressed || decoded.unsignedBytes == m.EncodeUnsigned(tsig.originalId),
               "the covered bytes are not the message without its TSIG");
    FUZZ_CHECK(!tsig.RequestDigestInput(decoded.unsignedBytes).empty(), "no request MAC input");
    FUZZ_CHECK(!tsig.ResponseDigestInput(tsig.mac, decoded.unsignedBytes).empty(),
               "no response MAC input");
    FUZZ_CHECK(DnsName::IsValid(tsig.keyName) && DnsName::IsValid(tsig.algorithm),
               "a TSIG name that is not valid decoded");
}

/**
 * \brief What the server does with the names, and its response.
 * \param m a decoded request
 */
void
CheckServerView(const DnsMessage& m)
{
    for (const DnsQuestion& q : m.questions)
    {
        FUZZ_CHECK(!DnsName::Canonical(q.name).empty(), "a question name does not canonicalize");
        volatile bool inZone = DnsName::IsInZone(q.name, "mobi.example.");
        (void)inZone;
    }
    for (const DnsResourceRecord& rr : m.authorities)
    {
        FUZZ_CHECK(!DnsName::Canonical(rr.name).empty(), "an owner does not canonicalize");
        Ipv4Address address;
        FUZZ_CHECK(rr.GetIpv4(address) == (rr.type == DnsMessage::TYPE_A && rr.rdata.size() == 4),
                   "GetIpv4 disagrees with the record");
    }
    DnsMessage response = DnsMessage::MakeResponse(m, DnsMessage::REFUSED);
    const std::vector<uint8_t> bytes = response.Encode();
    FUZZ_CHECK(!bytes.empty() && DnsMessage::Decode(bytes).message == response,
               "the response does not round-trip");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> input(data, data + size);
    const DnsDecodeResult decoded = DnsMessage::Decode(data, size);
    if (!decoded.Ok())
    {
        FUZZ_CHECK(decoded.errorOffset <= size,
                   "error " << decoded.error << " at " << decoded.errorOffset << " of " << size);
        FUZZ_CHECK(decoded.message == DnsMessage(), "a refused input left a message");
        return 0;
    }
    CheckRoundTrip(decoded, input);
    if (decoded.message.tsig)
    {
        CheckTsig(decoded, input);
    }
    CheckServerView(decoded.message);
    return 0;
}
