/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Fuzz target: the negotiation option of SYN and SYN+ACK segments, an RFC
 * 6994 experimental option (kind 253) read by TcpOptionExperimental
 * (model/tcp-option-experimental.cc). The input is the option space of a
 * SYN (at most 40 bytes; longer inputs are refused).
 *
 * The receive path: ns-3's TcpHeader parses the segment (TcpL4Protocol and
 * RelocatableTcpSocket::DoForwardUp call PeekHeader()), a kind-253 option
 * arriving as a TcpOptionUnknown; SignallingTcpSocket::ReadSynOptions then
 * calls TcpOptionExperimental::Find() for its ExID (MobiSocket 0x4D53,
 * TCP-R 0x5452), which re-serializes the unknown option and deserializes it
 * as a TcpOptionExperimental, and checks the payload (version byte, 32-bit
 * nonce). The target does exactly that for both ExIDs. Round trips: every
 * kind-253 option that deserializes serializes back to its own bytes; a
 * payload found is sent again as SignallingTcpSocket::AddSynOptions sends
 * it (alone, and after ns-3's own SYN options when they fit) and must be
 * found again, unchanged. Seeds: fuzz/corpus/tcp-option/ (make-corpus.cc).
 */

#include "fuzz-common.h"

#include "ns3/buffer.h"
#include "ns3/mobi-socket.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-experimental.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-r-socket.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace
{

using namespace ns3;

/// Largest TCP option space (RFC 9293: data offset at most 15 words).
constexpr size_t MAX_OPTION_SPACE = 40;

/**
 * \brief Send a payload as SignallingTcpSocket::AddSynOptions does and find
 *        it again on the receiving side.
 * \param exid the ExID
 * \param payload the payload found in the input
 * \param withStackOptions also put ns-3's own SYN options first
 */
void
CheckResent(uint16_t exid, const std::vector<uint8_t>& payload, bool withStackOptions)
{
    TcpHeader syn;
    syn.SetFlags(TcpHeader::SYN);
    syn.SetSourcePort(49153);
    syn.SetDestinationPort(80);
    if (withStackOptions)
    {
        syn.AppendOption(CreateObject<TcpOptionWinScale>());
        syn.AppendOption(CreateObject<TcpOptionSackPermitted>());
        syn.AppendOption(CreateObject<TcpOptionTS>());
    }
    if (!syn.AppendOption(CreateObject<TcpOptionExperimental>(exid, payload)))
    {
        FUZZ_CHECK(withStackOptions, "a " << payload.size() << "-byte payload does not fit alone");
        return; // AddSynOptions logs "no option space left"
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(syn);
    TcpHeader received;
    FUZZ_CHECK(packet->RemoveHeader(received) == syn.GetSerializedSize(),
               "the SYN does not parse back");
    std::vector<uint8_t> found;
    FUZZ_CHECK(TcpOptionExperimental::Find(received, exid, found) && found == payload,
               "a payload of " << payload.size() << " bytes sent is not found again");
}

/**
 * \brief Serialize an option into bytes.
 * \param option the option
 * \return its bytes
 */
std::vector<uint8_t>
OptionBytes(const TcpOption& option)
{
    Buffer buffer;
    buffer.AddAtStart(option.GetSerializedSize());
    option.Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(option.GetSerializedSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > MAX_OPTION_SPACE)
    {
        return -1; // no such segment: do not keep the input
    }
    // The SYN as it arrives: a 20-byte header whose data offset covers the
    // options, padded with zeros (end of option list) to a 32-bit boundary.
    const size_t optionSpace = (size + 3) / 4 * 4;
    std::vector<uint8_t> segment(20 + optionSpace, 0);
    segment[0] = 49153 >> 8; // source port
    segment[1] = 49153 & 0xff;
    segment[3] = 80;                                                   // destination port
    segment[4] = 0x12;                                                 // sequence number
    segment[12] = static_cast<uint8_t>(((20 + optionSpace) / 4) << 4); // data offset
    segment[13] = TcpHeader::SYN;
    segment[14] = 0xff; // window
    segment[15] = 0xff;
    std::copy(data, data + size, segment.begin() + 20);
    if (!mobisocket_fuzz::Ns3ParsesOptions(segment.data() + 20, optionSpace))
    {
        return -1; // ns-3's own parser fails on it (see Ns3ParsesOptions)
    }
    Ptr<Packet> packet = Create<Packet>(segment.data(), static_cast<uint32_t>(segment.size()));
    TcpHeader header;
    packet->PeekHeader(header);

    // Find(): every kind-253 option, re-serialized and deserialized as ours.
    for (const auto& option : header.GetOptionList())
    {
        if (option->GetKind() != TcpOptionExperimental::KIND)
        {
            continue;
        }
        std::vector<uint8_t> bytes = OptionBytes(*option);
        Buffer buffer;
        buffer.AddAtStart(static_cast<uint32_t>(bytes.size()));
        buffer.Begin().Write(bytes.data(), static_cast<uint32_t>(bytes.size()));
        TcpOptionExperimental decoded;
        uint32_t read = decoded.Deserialize(buffer.Begin());
        if (read == 0)
        {
            continue;
        }
        FUZZ_CHECK(read == bytes.size() && read == decoded.GetSerializedSize(),
                   "read " << read << " of a " << bytes.size() << "-byte option, size "
                           << decoded.GetSerializedSize());
        FUZZ_CHECK(decoded.GetPayload().size() <= TcpOptionExperimental::MAX_PAYLOAD,
                   "a payload of " << decoded.GetPayload().size() << " bytes");
        FUZZ_CHECK(OptionBytes(decoded) == bytes, "the option re-serializes differently");
    }

    // SignallingTcpSocket::ReadSynOptions, for MobiSocket's and TCP-R's ExID.
    for (uint16_t exid : {MobiSocket::EXID, TcpRSocket::EXID})
    {
        std::vector<uint8_t> payload;
        if (!TcpOptionExperimental::Find(header, exid, payload))
        {
            continue;
        }
        if (payload.size() >= 5 && payload[0] >= SignallingTcpSocket::NEGOTIATION_VERSION)
        {
            volatile uint32_t nonce = (uint32_t(payload[1]) << 24) | (uint32_t(payload[2]) << 16) |
                                      (uint32_t(payload[3]) << 8) | payload[4];
            (void)nonce;
        }
        CheckResent(exid, payload, false);
        CheckResent(exid, payload, true);
    }
    return 0;
}
