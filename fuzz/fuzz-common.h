/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * What the fuzz targets share: the check that aborts (a crash for
 * libFuzzer); the inputs a target must not hand to ns-3's TCP option parser
 * (Ns3ParsesOptions) or, for a known oSIP over-read, how a body is handed to
 * oSIP (AsReceived); and the receivers' handling of a control message (the
 * AddChange/AddConfirm, redirect request/ack and key share envelope), used
 * by control-message-fuzzer.cc and mobility-demux-fuzzer.cc.
 *
 * The handling of a control message mirrors the module's receive paths exactly, and only what
 * they do before and while parsing:
 *
 * - MobilityDemux::Receive (in-band, URG segments) and RedirectDaemon::Receive
 *   (UDP port 7700) call MobilityControlHeader::PeekEnvelope() on the
 *   payload; without an envelope the demux looks for the magic alone and the
 *   daemon reads byte 4 (the type) for its reject trace;
 * - ChangeExchange::Receive creates the update or confirmation class of the
 *   envelope's type (AddressUpdateHeader::Create, AddressConfirmHeader::Create)
 *   and calls PeekHeader() and IsWellFormed(); TcpRSocket (through
 *   SignallingTcpSocket::ReadControl) and RedirectDaemon::HandleKeyShare do the
 *   same with a KeyShareHeader, the daemon also rejecting a sequence above 1.
 *
 * Every message that parses is serialized again (GetBytes()) and must give
 * the bytes it was parsed from, parse again to the same fields, and cover
 * exactly what GetSignedBytes() says the authenticator covers. A header of
 * any other type must refuse it.
 */

#ifndef MOBISOCKET_FUZZ_COMMON_H
#define MOBISOCKET_FUZZ_COMMON_H

#include "ns3/mobility-control-header.h"
#include "ns3/packet.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

/**
 * \defgroup mobisocket-fuzz Fuzz targets of the mobisocket module
 * \ingroup mobisocket
 */

/**
 * \ingroup mobisocket-fuzz
 * \brief Abort (a crash for libFuzzer, which saves the input) with a message
 *        when a condition does not hold.
 * \param condition what must hold
 * \param message what it means, printed on failure
 */
#define FUZZ_CHECK(condition, message)                                                             \
    do                                                                                             \
    {                                                                                              \
        if (!(condition))                                                                          \
        {                                                                                          \
            std::ostringstream fuzzCheckText;                                                      \
            fuzzCheckText << message;                                                              \
            std::fprintf(stderr,                                                                   \
                         "%s:%d: check failed: %s: %s\n",                                          \
                         __FILE__,                                                                 \
                         __LINE__,                                                                 \
                         #condition,                                                               \
                         fuzzCheckText.str().c_str());                                             \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace mobisocket_fuzz
{

using namespace ns3;

/**
 * \brief Whether ns-3.37's TcpHeader::Deserialize survives an option space.
 *
 * Walks the options as TcpHeader::Deserialize does and refuses the two
 * inputs on which ns-3 itself (not this module) fails, and those on which its
 * outcome would depend on bytes past the option space: an MSS option whose
 * length is not 4 (TcpOptionMSS::Deserialize stops the process with
 * NS_ABORT_IF), an option of an unknown kind with length 0
 * (TcpOptionUnknown::Deserialize returns 0 and GetSerializedSize() 0, so the
 * loop never advances: it hangs, allocating an option per turn), and any
 * option that reaches past the option space. Both ns-3 failures (N1 and N2
 * in fuzz/README.md) are also in ns-3.48; every segment reaching a node goes
 * through the same code (TcpL4Protocol), so a target refuses these inputs
 * rather than report them as the module's.
 *
 * \param options the option space
 * \param length its length in bytes
 * \return false if a fuzz target must not hand these options to ns-3
 */
inline bool
Ns3ParsesOptions(const uint8_t* options, size_t length)
{
    size_t position = 0;
    while (position < length)
    {
        const uint8_t kind = options[position];
        const size_t left = length - position;
        if (kind == 0) // END: the rest is padding
        {
            return true;
        }
        if (kind == 1) // NOP
        {
            ++position;
            continue;
        }
        if (left < 2)
        {
            return false; // the length byte is past the option space
        }
        const uint8_t size = options[position + 1];
        size_t advance = 0;
        switch (kind)
        {
        case 2: // MSS: NS_ABORT_IF(size != 4)
            if (size != 4)
            {
                return false;
            }
            advance = 4;
            break;
        case 3: // window scale: a wrong length ends the parse
            if (size != 3)
            {
                return true;
            }
            advance = 3;
            break;
        case 4: // SACK permitted
            if (size != 2)
            {
                return true;
            }
            advance = 2;
            break;
        case 5: // SACK: (size - 2) / 8 blocks, whatever size says
            advance = 2 + (size < 2 ? 0 : (size - 2) / 8 * 8);
            break;
        case 8: // timestamps
            if (size != 10)
            {
                return true;
            }
            advance = 10;
            break;
        default: // unknown kinds, ours among them
            if (size == 0)
            {
                return false; // the endless loop
            }
            if (size == 1 || size > 40)
            {
                return true; // refused: ends the parse
            }
            advance = size;
            break;
        }
        if (advance > left)
        {
            return false; // read past the option space
        }
        position += advance;
    }
    return true;
}

/**
 * \brief The text a receiver passes to an oSIP parser, in an allocation of
 *        exactly its size (as SipMessage::GetBody() makes it), so that a read
 *        past its end is caught.
 *
 * Finding F3 (fuzz/README.md, fixed): oSIP 5.3.0's sdp_message_parse() reads
 * past the terminating NUL when the text ends with an "m=" line whose proto
 * ends with a lone LF or CR; SipSessionDescription::Parse now hands oSIP a
 * padded copy.
 *
 * \param text the text
 * \return its copy
 */
inline std::string
AsReceived(const std::string& text)
{
    return std::string(text.data(), text.size());
}

/**
 * \param packet a packet
 * \return its bytes
 */
inline std::vector<uint8_t>
BytesOf(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    if (!bytes.empty())
    {
        packet->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

/**
 * \param header a parsed message
 * \return its authenticator as bytes (signature, MAC or nothing)
 */
inline std::vector<uint8_t>
AuthenticatorOf(const MobilityControlHeader& header)
{
    switch (header.GetAuthenticatorSize())
    {
    case MobilityControlHeader::SIGNATURE_SIZE: {
        Ed25519Signature signature = header.GetSignature();
        return std::vector<uint8_t>(signature.begin(), signature.end());
    }
    case MobilityControlHeader::MAC_SIZE: {
        MacTag tag = header.GetMac();
        return std::vector<uint8_t>(tag.begin(), tag.end());
    }
    default:
        return {};
    }
}

/**
 * \param a a message
 * \param b another
 * \return true if the fields common to every type are equal
 */
inline bool
SameCommonFields(const MobilityControlHeader& a, const MobilityControlHeader& b)
{
    return a.GetMessageType() == b.GetMessageType() && a.GetToken() == b.GetToken() &&
           a.GetSequence() == b.GetSequence() && AuthenticatorOf(a) == AuthenticatorOf(b);
}

/**
 * \param a an update
 * \param b another
 * \return true if every field is equal
 */
inline bool
SameFields(const AddressUpdateHeader& a, const AddressUpdateHeader& b)
{
    return SameCommonFields(a, b) && a.GetOldAddress() == b.GetOldAddress() &&
           a.GetNewAddress() == b.GetNewAddress() && a.GetNewPort() == b.GetNewPort();
}

/**
 * \param a a confirmation
 * \param b another
 * \return true if every field is equal
 */
inline bool
SameFields(const AddressConfirmHeader& a, const AddressConfirmHeader& b)
{
    return SameCommonFields(a, b) && a.GetNewAddress() == b.GetNewAddress() &&
           a.GetNewPort() == b.GetNewPort();
}

/**
 * \param a a key share
 * \param b another
 * \return true if every field is equal
 */
inline bool
SameFields(const KeyShareHeader& a, const KeyShareHeader& b)
{
    return SameCommonFields(a, b) && a.GetShare() == b.GetShare();
}

/**
 * \brief Check a message that parsed from the start of raw: serialized
 *        again it gives the same bytes, parses again to the same fields, and
 *        the authenticator covers exactly the bytes before it.
 * \tparam H the message's class as the receiver holds it
 * \param parsed the message
 * \param fresh an empty message of the same type (to parse into again)
 * \param raw the bytes it was parsed from (the message and anything after it)
 */
template <class H>
void
CheckRoundTrip(const H& parsed, H& fresh, const std::vector<uint8_t>& raw)
{
    const uint32_t size = parsed.GetSerializedSize();
    std::vector<uint8_t> bytes = parsed.GetBytes();
    FUZZ_CHECK(bytes.size() == size && size <= raw.size(),
               "serialized size " << bytes.size() << ", declared " << size << ", received "
                                  << raw.size());
    for (uint32_t i = 0; i < size; ++i)
    {
        FUZZ_CHECK(bytes[i] == raw[i],
                   "byte " << i << " re-serialized as " << int(bytes[i]) << ", received "
                           << int(raw[i]));
    }
    // The serialized message parses again, to the same fields.
    Ptr<Packet> again = Create<Packet>(bytes.data(), bytes.size());
    FUZZ_CHECK(again->PeekHeader(fresh) == size && fresh.IsWellFormed(),
               "the re-serialized message does not parse");
    FUZZ_CHECK(SameFields(parsed, fresh), "fields differ after a round trip");
    FUZZ_CHECK(fresh.GetBytes() == bytes, "second serialization differs");
    MobilityControlHeader::MessageType type;
    uint64_t token = 0;
    FUZZ_CHECK(MobilityControlHeader::PeekEnvelope(again, type, token) &&
                   type == parsed.GetMessageType() && token == parsed.GetToken(),
               "the envelope of the re-serialized message differs");
    // The authenticator covers everything before it, nothing else.
    std::vector<uint8_t> covered = parsed.GetSignedBytes();
    FUZZ_CHECK(covered.size() == size - parsed.GetAuthenticatorSize() &&
                   std::equal(covered.begin(), covered.end(), bytes.begin()),
               "GetSignedBytes() is not the message without its authenticator");
    std::ostringstream text;
    parsed.Print(text);
}

/**
 * \brief Parse a payload as a header of one type; check that PeekHeader()'s
 *        result and IsWellFormed() agree, and that a header of another type
 *        than the envelope's refuses the payload.
 * \param payload the payload
 * \param header the header to parse into
 * \param envelope whether PeekEnvelope() read an envelope
 * \param type the envelope's type
 * \return true if the header parsed
 */
inline bool
ParseAs(Ptr<const Packet> payload,
        MobilityControlHeader& header,
        bool envelope,
        MobilityControlHeader::MessageType type)
{
    uint32_t read = payload->PeekHeader(header);
    FUZZ_CHECK((read != 0) == header.IsWellFormed(),
               "PeekHeader read " << read << " bytes, IsWellFormed() " << header.IsWellFormed());
    if (read == 0)
    {
        return false;
    }
    FUZZ_CHECK(read == header.GetSerializedSize() && read <= payload->GetSize(),
               "PeekHeader read " << read << " of " << payload->GetSize() << " bytes");
    FUZZ_CHECK(envelope && type == header.GetMessageType(),
               "a " << int(header.GetMessageType()) << " header accepted a message of type "
                    << (envelope ? int(type) : -1));
    return true;
}

/**
 * \brief What the receivers (ChangeExchange, TcpRSocket, RedirectDaemon,
 *        MobilityDemux) do with a control message's bytes; see the file's
 *        description. Aborts if a check fails.
 * \param payload the message (a TCP segment's payload or a UDP datagram)
 */
inline void
ReceiveControlMessage(Ptr<const Packet> payload)
{
    const std::vector<uint8_t> raw = BytesOf(payload);
    MobilityControlHeader::MessageType type = MobilityControlHeader::ADD_CHANGE;
    uint64_t token = 0;
    const bool envelope = MobilityControlHeader::PeekEnvelope(payload, type, token);

    // The classes the receivers create, one of each type: only the
    // envelope's type may accept the payload.
    AddChangeHeader addChange;
    AddConfirmHeader addConfirm;
    RedirectRequestHeader redirectRequest;
    RedirectAckHeader redirectAck;
    KeyShareHeader keyShare;
    for (MobilityControlHeader* header :
         std::initializer_list<MobilityControlHeader*>{&addChange,
                                                       &addConfirm,
                                                       &redirectRequest,
                                                       &redirectAck,
                                                       &keyShare})
    {
        if (header->GetMessageType() != type || !envelope)
        {
            ParseAs(payload, *header, envelope, type);
        }
    }

    if (!envelope)
    {
        // RedirectDaemon::Receive reads the type byte for its reject trace,
        // MobilityDemux::Receive the magic alone.
        if (payload->GetSize() > 4)
        {
            uint8_t head[5];
            payload->CopyData(head, 5);
        }
        return;
    }
    FUZZ_CHECK(raw.size() >= MobilityControlHeader::COMMON_SIZE,
               "an envelope in " << raw.size() << " bytes");
    switch (type)
    {
    case MobilityControlHeader::ADD_CHANGE:
    case MobilityControlHeader::REDIRECT_REQUEST: {
        // ChangeExchange::Receive, for the exchange's update type.
        std::unique_ptr<AddressUpdateHeader> update = AddressUpdateHeader::Create(type);
        FUZZ_CHECK(update != nullptr, "no update class for type " << int(type));
        if (ParseAs(payload, *update, envelope, type))
        {
            std::unique_ptr<AddressUpdateHeader> fresh = AddressUpdateHeader::Create(type);
            CheckRoundTrip<AddressUpdateHeader>(*update, *fresh, raw);
            FUZZ_CHECK(update->GetNewPort() != 0, "an update with new port 0 parsed");
        }
        break;
    }
    case MobilityControlHeader::ADD_CONFIRM:
    case MobilityControlHeader::REDIRECT_ACK: {
        // ChangeExchange::Receive, for the confirmation type.
        std::unique_ptr<AddressConfirmHeader> confirm = AddressConfirmHeader::Create(type);
        FUZZ_CHECK(confirm != nullptr, "no confirmation class for type " << int(type));
        if (ParseAs(payload, *confirm, envelope, type))
        {
            std::unique_ptr<AddressConfirmHeader> fresh = AddressConfirmHeader::Create(type);
            CheckRoundTrip<AddressConfirmHeader>(*confirm, *fresh, raw);
            FUZZ_CHECK(confirm->GetNewPort() != 0, "a confirmation with new port 0 parsed");
        }
        break;
    }
    case MobilityControlHeader::KEY_SHARE: {
        // SignallingTcpSocket::ReadControl<KeyShareHeader> (TCP-R) and
        // RedirectDaemon::HandleKeyShare (which also rejects a sequence above 1).
        KeyShareHeader share;
        if (ParseAs(payload, share, envelope, type))
        {
            KeyShareHeader fresh;
            CheckRoundTrip<KeyShareHeader>(share, fresh, raw);
            FUZZ_CHECK(share.GetToken() == token, "token differs from the envelope's");
            volatile bool daemonAccepts = share.GetSequence() <= 1;
            (void)daemonAccepts;
        }
        break;
    }
    default:
        FUZZ_CHECK(false, "PeekEnvelope() accepted type " << int(type));
    }
}

} // namespace mobisocket_fuzz

#endif /* MOBISOCKET_FUZZ_COMMON_H */
