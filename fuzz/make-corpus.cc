/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket-fuzz
 * Writes the seed corpora of the fuzz targets, fuzz/corpus/<target>/: real
 * messages of the module, built by the module's own code the way its
 * senders build them (each function names the sender it follows), with the
 * wired test bed's addresses (MH 10.1.1.2, then 10.1.2.2 after its move;
 * CH 10.2.1.2; the SIP proxy on the router, 10.1.1.1) and ports; the IPv6
 * seeds (names ending in -ipv6) the same on 2001:1::, 2001:3:: and 2001:2::.
 * Signatures, MACs and key shares are real: the CryptoAgent and the
 * authenticators of the module compute them, from fixed keys, so the output
 * is the same on every run.
 *
 * Usage: make-corpus DIR (the fuzz project's target `corpus` runs it on
 * fuzz/corpus). Existing files of the same names are overwritten; nothing
 * else in DIR is touched.
 */

#include "ns3/change-authenticator.h"
#include "ns3/crypto-agent.h"
#include "ns3/migrate-option.h"
#include "ns3/mobility-control-header.h"
#include "ns3/packet.h"
#include "ns3/sip-body.h"
#include "ns3/sip-message.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-experimental.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// MobiSocket's negotiation ExID (MobiSocket::EXID).
constexpr uint16_t MOBISOCKET_EXID = 0x4D53;
/// TCP-R's negotiation ExID (TcpRSocket::EXID).
constexpr uint16_t TCP_R_EXID = 0x5452;
/// Version byte of the negotiation option (SignallingTcpSocket::NEGOTIATION_VERSION).
constexpr uint8_t NEGOTIATION_VERSION = 1;

const Ipv4Address MH_OLD("10.1.1.2");               //!< the MH before its move
const Ipv4Address MH_NEW("10.1.2.2");               //!< the MH after its move
const Ipv4Address CH("10.2.1.2");                   //!< the correspondent host
const Ipv6Address MH6_OLD("2001:1::200:ff:fe00:1"); //!< the MH before its move (IPv6)
const Ipv6Address MH6_NEW("2001:3::200:ff:fe00:5"); //!< the MH after its move (IPv6)
const Ipv6Address CH6("2001:2::200:ff:fe00:3");     //!< the correspondent host (IPv6)
const uint16_t MH_PORT = 49153;                     //!< the MH's connection port
const uint16_t CH_PORT = 80;                        //!< the CH's connection port
const uint32_t MH_NONCE = 0x8c3e51a7;               //!< the MH's SYN nonce
const uint32_t CH_NONCE = 0x1f4b9d02;               //!< the CH's SYN+ACK nonce
/// The connection token: initiator nonce << 32 | responder nonce.
const uint64_t TOKEN = (uint64_t(MH_NONCE) << 32) | CH_NONCE;
/// A redirect daemon's connection id (an FNV-1a hash of the 4-tuple).
const uint64_t DAEMON_ID = 0x3a9e77c04d12b6f5ULL;

/// Where the corpora go.
std::filesystem::path g_root;
/// Files written.
int g_files = 0;

/**
 * \brief Write one seed.
 * \param target the fuzz target
 * \param name the file name
 * \param bytes the content
 */
void
Write(const std::string& target, const std::string& name, const std::vector<uint8_t>& bytes)
{
    std::filesystem::path dir = g_root / target;
    std::filesystem::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (!out)
    {
        std::cerr << "make-corpus: cannot write " << (dir / name) << "\n";
        std::exit(1);
    }
    ++g_files;
}

/**
 * \brief Write one text seed.
 * \param target the fuzz target
 * \param name the file name
 * \param text the content
 */
void
Write(const std::string& target, const std::string& name, const std::string& text)
{
    Write(target, name, std::vector<uint8_t>(text.begin(), text.end()));
}

/**
 * \param seedByte fills the seed
 * \return an Ed25519 key pair from a fixed seed
 */
Ed25519KeyPair
Keys(uint8_t seedByte)
{
    std::array<uint8_t, 32> seed;
    seed.fill(seedByte);
    return Ed25519KeyPair::FromSeed(seed);
}

/**
 * \param packet a packet
 * \return its bytes
 */
std::vector<uint8_t>
BytesOf(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// The control messages, by file name.
struct ControlMessages
{
    std::vector<std::pair<std::string, std::vector<uint8_t>>> all; //!< name, bytes
};

/**
 * \brief The control messages of a move of the MH, as the senders build them.
 * \param agent the crypto agent that signs and tags
 * \return the messages
 */
ControlMessages
BuildControlMessages(Ptr<CryptoAgent> agent)
{
    ControlMessages messages;
    const Ed25519KeyPair mhKeys = Keys(1);
    const Ed25519KeyPair chKeys = Keys(2);

    // ChangeExchange::Announce on the MH, SignatureAuthenticator: the AddChange.
    AddChangeHeader change;
    change.SetToken(TOKEN);
    change.SetSequence(1);
    change.SetOldAddress(MH_OLD);
    change.SetNewAddress(MH_NEW);
    change.SetNewPort(MH_PORT);
    SignatureAuthenticator::Sign(change, agent, mhKeys);
    messages.all.emplace_back("add-change", change.GetBytes());

    // ChangeExchange::AcceptUpdate on the CH: the AddConfirm.
    AddConfirmHeader confirm;
    confirm.SetToken(TOKEN);
    confirm.SetSequence(1);
    confirm.SetNewAddress(MH_NEW);
    confirm.SetNewPort(MH_PORT);
    SignatureAuthenticator::Sign(confirm, agent, chKeys);
    messages.all.emplace_back("add-confirm", confirm.GetBytes());

    // The same exchange on an IPv6 connection (family 6: 16-byte addresses).
    AddChangeHeader change6 = change;
    change6.SetOldAddress(MH6_OLD);
    change6.SetNewAddress(MH6_NEW);
    SignatureAuthenticator::Sign(change6, agent, mhKeys);
    messages.all.emplace_back("add-change-ipv6", change6.GetBytes());
    AddConfirmHeader confirm6 = confirm;
    confirm6.SetNewAddress(MH6_NEW);
    SignatureAuthenticator::Sign(confirm6, agent, chKeys);
    messages.all.emplace_back("add-confirm-ipv6", confirm6.GetBytes());

    // TcpRSocket and RedirectDaemon: the key shares (offer 0, answer 1).
    X25519KeyPair mhShare = agent->GenerateKeyShare();
    X25519KeyPair chShare = agent->GenerateKeyShare();
    KeyShareHeader offer;
    offer.SetToken(TOKEN);
    offer.SetSequence(0);
    offer.SetShare(mhShare.publicKey);
    messages.all.emplace_back("key-share-offer", offer.GetBytes());
    KeyShareHeader answer;
    answer.SetToken(DAEMON_ID);
    answer.SetSequence(1);
    answer.SetShare(chShare.publicKey);
    messages.all.emplace_back("key-share-answer", answer.GetBytes());

    // The agreed secret, then MacAuthenticator: redirect request and acknowledgement.
    SymmetricKey secret = agent->Agree(mhShare, chShare.publicKey);
    RedirectRequestHeader request;
    request.SetToken(DAEMON_ID);
    request.SetSequence(1);
    request.SetOldAddress(MH_OLD);
    request.SetNewAddress(MH_NEW);
    request.SetNewPort(MH_PORT);
    MacAuthenticator::Tag(request, agent, secret);
    messages.all.emplace_back("redirect-request", request.GetBytes());
    RedirectAckHeader ack;
    ack.SetToken(DAEMON_ID);
    ack.SetSequence(1);
    ack.SetNewAddress(MH_NEW);
    ack.SetNewPort(MH_PORT);
    MacAuthenticator::Tag(ack, agent, secret);
    messages.all.emplace_back("redirect-ack", ack.GetBytes());
    return messages;
}

/**
 * \brief A TCP segment as ns-3 sends it (header and payload).
 * \param header the TCP header
 * \param payload the payload
 * \return the segment's bytes
 */
std::vector<uint8_t>
Segment(const TcpHeader& header, const std::vector<uint8_t>& payload)
{
    Ptr<Packet> packet = Create<Packet>(payload.data(), static_cast<uint32_t>(payload.size()));
    packet->AddHeader(header);
    return BytesOf(packet);
}

/**
 * \brief A SYN or SYN+ACK as TcpSocketBase::AddOptions and
 *        SignallingTcpSocket::AddSynOptions build it.
 * \param synAck SYN+ACK rather than SYN
 * \param exid the ExID (0: no negotiation option, plain TCP)
 * \param nonce the sender's nonce
 * \param sack whether SACK is enabled
 * \return the header
 */
TcpHeader
Syn(bool synAck, uint16_t exid, uint32_t nonce, bool sack)
{
    TcpHeader header;
    header.SetFlags(synAck ? (TcpHeader::SYN | TcpHeader::ACK) : TcpHeader::SYN);
    header.SetSourcePort(synAck ? CH_PORT : MH_PORT);
    header.SetDestinationPort(synAck ? MH_PORT : CH_PORT);
    header.SetSequenceNumber(SequenceNumber32(0));
    header.SetAckNumber(SequenceNumber32(synAck ? 1 : 0));
    header.SetWindowSize(65535);
    Ptr<TcpOptionWinScale> scale = CreateObject<TcpOptionWinScale>();
    scale->SetScale(2);
    header.AppendOption(scale);
    if (sack)
    {
        header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    }
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    ts->SetTimestamp(synAck ? 1015 : 1000);
    ts->SetEcho(synAck ? 1000 : 0);
    header.AppendOption(ts);
    if (exid != 0)
    {
        std::vector<uint8_t> payload{NEGOTIATION_VERSION,
                                     static_cast<uint8_t>(nonce >> 24),
                                     static_cast<uint8_t>(nonce >> 16),
                                     static_cast<uint8_t>(nonce >> 8),
                                     static_cast<uint8_t>(nonce)};
        header.AppendOption(CreateObject<TcpOptionExperimental>(exid, payload));
    }
    return header;
}

/**
 * \brief TCP Migrate's Migrate SYN (or its SYN/ACK) as TcpMigrateSocket
 *        sends it: the Migrate option, then the timestamps.
 * \param synAck the SYN/ACK rather than the SYN
 * \return the segment's bytes
 */
std::vector<uint8_t>
MigrateSegment(bool synAck)
{
    Ptr<CryptoAgent> agent = CreateObject<CryptoAgent>();
    SymmetricKey secret{};
    secret.fill(0x5a);
    std::unique_ptr<MobilityControlHeader> message;
    if (synAck)
    {
        auto ack = std::make_unique<MigrateSynAckHeader>();
        ack->SetNewAddress(MH_NEW);
        ack->SetNewPort(MH_PORT);
        message = std::move(ack);
    }
    else
    {
        auto syn = std::make_unique<MigrateSynHeader>();
        syn->SetOldAddress(MH_OLD);
        syn->SetNewAddress(MH_NEW);
        syn->SetNewPort(MH_PORT);
        message = std::move(syn);
    }
    message->SetToken(TOKEN);
    message->SetSequence(1);
    MacAuthenticator::Tag(*message, agent, secret);
    TcpHeader header;
    header.SetFlags(synAck ? (TcpHeader::SYN | TcpHeader::ACK) : TcpHeader::SYN);
    header.SetSourcePort(synAck ? CH_PORT : MH_PORT);
    header.SetDestinationPort(synAck ? MH_PORT : CH_PORT);
    header.SetWindowSize(65535);
    header.AppendOption(
        CreateObject<TcpOptionExperimental>(MigrateOption::EXID, MigrateOption::Encode(*message)));
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    ts->SetTimestamp(3000);
    header.AppendOption(ts);
    return Segment(header, {});
}

/**
 * \param header a TCP header
 * \return the bytes of its option space (after the 20 fixed bytes, padding included)
 */
std::vector<uint8_t>
OptionSpace(const TcpHeader& header)
{
    std::vector<uint8_t> segment = Segment(header, {});
    return std::vector<uint8_t>(segment.begin() + 20, segment.end());
}

/**
 * \brief The control segment RelocatableTcpSocket::SendControlSegment sends.
 * \param payload the control message
 * \param fromMh sent by the MH (from its new address's port) or by the CH
 * \return the segment
 */
std::vector<uint8_t>
ControlSegment(const std::vector<uint8_t>& payload, bool fromMh)
{
    TcpHeader header;
    header.SetFlags(TcpHeader::ACK | TcpHeader::URG);
    header.SetSequenceNumber(SequenceNumber32(fromMh ? 402653 : 8193));
    header.SetAckNumber(SequenceNumber32(fromMh ? 8193 : 402653));
    header.SetSourcePort(fromMh ? MH_PORT : CH_PORT);
    header.SetDestinationPort(fromMh ? CH_PORT : MH_PORT);
    header.SetWindowSize(32768);
    header.SetUrgentPointer(static_cast<uint16_t>(payload.size()));
    return Segment(header, payload);
}

/// Writes control-message, mobility-demux and tcp-option.
void
WriteBinaryCorpora()
{
    Ptr<CryptoAgent> agent = CreateObject<CryptoAgent>();
    ControlMessages messages = BuildControlMessages(agent);
    for (const auto& [name, bytes] : messages.all)
    {
        Write("control-message", name, bytes);
        bool fromMh = name == "add-change" || name == "add-change-ipv6" ||
                      name == "key-share-offer" || name == "redirect-request";
        Write("mobility-demux", "urg-" + name, ControlSegment(bytes, fromMh));
    }
    // A control segment cut short (the demux drops it as malformed).
    std::vector<uint8_t> cut(messages.all[0].second.begin(), messages.all[0].second.begin() + 12);
    Write("mobility-demux", "urg-truncated", ControlSegment(cut, true));

    // Data segments of the connection: one to TCP, one to the demux's
    // tombstone (the 4-tuple of a connection that left 10.1.2.2:49154).
    TcpHeader data;
    data.SetFlags(TcpHeader::ACK | TcpHeader::PSH);
    data.SetSequenceNumber(SequenceNumber32(1));
    data.SetAckNumber(SequenceNumber32(1));
    data.SetSourcePort(MH_PORT);
    data.SetDestinationPort(CH_PORT);
    data.SetWindowSize(32768);
    std::vector<uint8_t> chunk(64, 'x');
    Write("mobility-demux", "data", Segment(data, chunk));
    data.SetSourcePort(MH_PORT + 1);
    Write("mobility-demux", "data-tombstone", Segment(data, chunk));
    Write("mobility-demux",
          "syn-mobisocket",
          Segment(Syn(false, MOBISOCKET_EXID, MH_NONCE, true), {}));
    Write("mobility-demux", "syn-migrate", MigrateSegment(false));
    Write("mobility-demux", "synack-migrate", MigrateSegment(true));

    // SYN option spaces: MobiSocket's SYN and SYN+ACK, TCP-R's without SACK,
    // the option alone, and plain TCP's.
    Write("tcp-option", "syn-mobisocket", OptionSpace(Syn(false, MOBISOCKET_EXID, MH_NONCE, true)));
    Write("tcp-option",
          "synack-mobisocket",
          OptionSpace(Syn(true, MOBISOCKET_EXID, CH_NONCE, true)));
    Write("tcp-option", "syn-tcp-r", OptionSpace(Syn(false, TCP_R_EXID, MH_NONCE, false)));
    TcpHeader alone;
    alone.SetFlags(TcpHeader::SYN);
    alone.AppendOption(CreateObject<TcpOptionExperimental>(
        MOBISOCKET_EXID,
        std::vector<uint8_t>{NEGOTIATION_VERSION, 0x8c, 0x3e, 0x51, 0xa7}));
    Write("tcp-option", "option-alone", OptionSpace(alone));
    Write("tcp-option", "syn-plain-tcp", OptionSpace(Syn(false, 0, 0, true)));
}

/// The hosts of the SIP seeds, in one family, and the suffix of their file names.
struct SipHosts
{
    std::string suffix; //!< appended to each file name ("" for IPv4)
    IpAddress mhOld;    //!< the MH before its move
    IpAddress mhNew;    //!< the MH after its move
    IpAddress ch;       //!< the correspondent host
    IpAddress proxy;    //!< the SIP proxy on the router
};

/**
 * \brief Writes sip-message, sip-sdp and sip-info-body in one family: the
 *        hosts in the text as the user agents and the proxy write them
 *        (SipInfoBody::FormatHost: an IPv6 host in brackets).
 * \param h the hosts
 */
void
WriteSipCorpora(const SipHosts& h)
{
    auto Seed = [&h](const std::string& target, const std::string& name, const std::string& text) {
        Write(target, name + h.suffix, text);
    };
    const std::string mhAor = "sip:mh@mobisocket.test";
    const std::string chAor = "sip:ch@mobisocket.test";
    const std::string mhHost = SipInfoBody::FormatHost(h.mhOld);
    const std::string mhContact = SipMessage::MakeUri("mh", mhHost, 5060);
    const std::string chContact = SipMessage::MakeUri("ch", SipInfoBody::FormatHost(h.ch), 5060);
    const std::string proxy = SipInfoBody::FormatHost(h.proxy);
    const std::string callIdHost = "@" + SipInfoBody::FormatAddress(h.mhOld);
    // SipUserAgent::Register.
    SipMessage reg = SipMessage::CreateRequest("REGISTER", "sip:mobisocket.test");
    reg.PushVia(mhHost, 5060, "z9hG4bK4f2a90c13b7e6d58");
    reg.SetFrom(mhAor, "a81c3f07");
    reg.SetTo(mhAor);
    reg.SetCallId("6b0e93d1c4a7f215" + callIdHost);
    reg.SetCSeq(1, "REGISTER");
    reg.SetContact(mhContact);
    reg.SetExpires(3600);
    Seed("sip-message", "register", reg.ToString());

    // SipProxy::HandleRegister: the 200 OK with the binding.
    SipMessage registered = SipMessage::CreateResponse(reg, 200);
    registered.SetToTag("3d9a0c55");
    registered.SetContact(mhContact, 3600);
    Seed("sip-message", "register-200", registered.ToString());

    // SipUserAgent::Call: the INVITE with the offer.
    const Ed25519KeyPair mhKeys = Keys(1);
    const Ed25519KeyPair chKeys = Keys(2);
    SipSessionDescription offer;
    offer.user = "mh";
    offer.address = h.mhOld;
    offer.port = 9;
    offer.setup = SipSessionDescription::ACTIVE;
    offer.key = mhKeys.publicKey;
    offer.hasKey = true;
    SipMessage invite = SipMessage::CreateRequest("INVITE", chAor);
    invite.PushVia(mhHost, 5060, "z9hG4bK0c77e2a95b1d4f36");
    invite.SetFrom(mhAor, "e4d2b619");
    invite.SetTo(chAor);
    invite.SetCallId("90af3c2e17d6b845" + callIdHost);
    invite.SetCSeq(1, "INVITE");
    invite.SetContact(mhContact);
    invite.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    invite.SetHeader("Allow", "INVITE, ACK, BYE, INFO, OPTIONS");
    invite.SetBody(SipSessionDescription::CONTENT_TYPE, offer.ToString());
    Seed("sip-message", "invite", invite.ToString());
    Seed("sip-sdp", "offer", offer.ToString());

    // SipProxy::ForwardRequest: the INVITE sent on to the CH's contact.
    SipMessage forwarded(invite);
    forwarded.SetRequestUri(chContact);
    forwarded.SetMaxForwards(69);
    forwarded.PushVia(proxy, 5060, "z9hG4bK-px5d1e0f3a9c2b7784");
    Seed("sip-message", "invite-forwarded", forwarded.ToString());

    // SipUserAgent::HandleInvite: the 200 OK with the answer.
    SipSessionDescription answer;
    answer.user = "ch";
    answer.address = h.ch;
    answer.port = CH_PORT;
    answer.setup = SipSessionDescription::PASSIVE;
    answer.key = chKeys.publicKey;
    answer.hasKey = true;
    SipMessage ok = SipMessage::CreateResponse(forwarded, 200);
    ok.SetToTag("71c0e8b3");
    ok.SetContact(chContact);
    ok.SetHeader("Recv-Info", SipInfoBody::INFO_PACKAGE);
    ok.SetHeader("Allow", "INVITE, ACK, BYE, INFO, OPTIONS");
    ok.SetBody(SipSessionDescription::CONTENT_TYPE, answer.ToString());
    Seed("sip-message", "invite-200", ok.ToString());
    Seed("sip-sdp", "answer", answer.ToString());
    SipSessionDescription keyless = answer;
    keyless.hasKey = false;
    keyless.setup = SipSessionDescription::ACTPASS;
    keyless.newConnection = false;
    Seed("sip-sdp", "answer-without-key", keyless.ToString());

    // SipUserAgent::InviteAnswered: the ACK, straight to the CH.
    SipMessage ack = SipMessage::CreateRequest("ACK", chContact);
    ack.PushVia(mhHost, 5060, "z9hG4bK9e13b0d6a2c47f58");
    ack.SetFrom(mhAor, "e4d2b619");
    ack.SetTo(chAor, "71c0e8b3");
    ack.SetCallId("90af3c2e17d6b845" + callIdHost);
    ack.SetCSeq(1, "ACK");
    Seed("sip-message", "ack", ack.ToString());

    // SipUserAgent::BuildInfo after the move: the INFO with the signed AddChange.
    Ptr<CryptoAgent> agent = CreateObject<CryptoAgent>();
    AddChangeHeader change;
    change.SetToken(TOKEN);
    change.SetSequence(1);
    change.SetOldAddress(h.mhOld);
    change.SetNewAddress(h.mhNew);
    change.SetNewPort(MH_PORT);
    SignatureAuthenticator::Sign(change, agent, mhKeys);
    AddConfirmHeader confirm;
    confirm.SetToken(TOKEN);
    confirm.SetSequence(1);
    confirm.SetNewAddress(h.mhNew);
    confirm.SetNewPort(MH_PORT);
    SignatureAuthenticator::Sign(confirm, agent, chKeys);
    SipMessage info = SipMessage::CreateRequest("INFO", chContact);
    info.PushVia(SipInfoBody::FormatHost(h.mhNew), 5060, "z9hG4bK27f5c1e08d3a9b64");
    info.SetFrom(mhAor, "e4d2b619");
    info.SetTo(chAor, "71c0e8b3");
    info.SetCallId("90af3c2e17d6b845" + callIdHost);
    info.SetCSeq(2, "INFO");
    info.SetContact(SipMessage::MakeUri("mh", SipInfoBody::FormatHost(h.mhNew), 5060));
    info.SetHeader("Info-Package", SipInfoBody::INFO_PACKAGE);
    info.SetBody(SipInfoBody::ADD_CHANGE_TYPE, SipInfoBody::Encode(change));
    Seed("sip-message", "info-add-change", info.ToString());
    Seed("sip-info-body", "add-change", SipInfoBody::Encode(change));
    Seed("sip-info-body", "add-confirm", SipInfoBody::Encode(confirm));

    // SipUserAgent::Reply: the 200 OK to the INFO; SipProxy::Reject: a 404.
    SipMessage infoOk = SipMessage::CreateResponse(info, 200);
    Seed("sip-message", "info-200", infoOk.ToString());
    SipMessage unknown = SipMessage::CreateRequest("INVITE", "sip:nobody@mobisocket.test");
    unknown.PushVia(mhHost, 5060, "z9hG4bK51ab8e6c0f2d7394");
    unknown.SetFrom(mhAor, "c2f09a4e");
    unknown.SetTo("sip:nobody@mobisocket.test");
    unknown.SetCallId("d7c61f0e93b2a458" + callIdHost);
    unknown.SetCSeq(1, "INVITE");
    SipMessage notFound = SipMessage::CreateResponse(unknown, 404);
    notFound.SetToTag("0b8e4d2f");
    Seed("sip-message", "invite-404", notFound.ToString());
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: make-corpus DIR\n";
        return 2;
    }
    g_root = argv[1];
    WriteBinaryCorpora();
    WriteSipCorpora({"", MH_OLD, MH_NEW, CH, Ipv4Address("10.1.1.1")});
    WriteSipCorpora({"-ipv6", MH6_OLD, MH6_NEW, CH6, Ipv6Address("2001:1::1")});
    std::cout << "make-corpus: " << g_files << " files written under " << g_root << "\n";
    return 0;
}
