/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBI_SOCKET_SCHEMES_H
#define MOBI_SOCKET_SCHEMES_H

#include "fixed-delay-signalling.h"
#include "mobi-socket-helper.h"
#include "mobility-scheme.h"

#include "ns3/mobi-socket.h"
#include "ns3/sip-user-agent.h"

#include <array>
#include <map>

namespace ns3
{

class SipProxy;

/**
 * \ingroup mobisocket
 * \brief What every MobiSocket scheme shares: MobiSocketHelper on both
 *        hosts (mobility activated, the congestion policy, ResetTimer) and
 *        an Ed25519 key pair per host, drawn from a fixed random stream.
 *        The subclasses differ in who signals a change.
 */
class MobiSocketScheme : public MobilityScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit MobiSocketScheme(const SchemeParameters& parameters);

    TypeId GetSocketFactory() const override;
    void Install(const SchemeEnvironment& environment) override;
    /// \return true: MobiSocket moves IPv6 connections as it moves IPv4 ones
    bool RunsOnIpv6() const override;

    /**
     * \param host a host
     * \return its key pair
     */
    const Ed25519KeyPair& GetKeyPair(Host host) const;

  protected:
    /// \return who signals a change (the sockets' Signalling attribute)
    virtual MobiSocket::Signalling GetSignalling() const = 0;

  private:
    MobiSocketHelper m_helper;              //!< installs the sockets
    std::array<Ed25519KeyPair, 2> m_keys{}; //!< by host
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket with in-band signalling: the sockets' own signed
 *        AddChange/AddConfirm (signalling=inband). The hosts' applications
 *        hand each socket the keys, and call UpdateTcb(SOURCE) on every
 *        mobile connection when their host gets a new address.
 */
class MobiSocketInBandScheme : public MobiSocketScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit MobiSocketInBandScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    SignallingTraits GetSignallingTraits() const override;
    void Connected(Host host, Ptr<Socket> socket) override;
    void AddressChanged(Host host, const IpAddress& address) override;
    Ptr<AttackSurface> GetAttackSurface() const override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;

  protected:
    MobiSocket::Signalling GetSignalling() const override;
    std::string CheckRequirements(const Requirements& requirements) const override;
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket with the paper's SIP signalling (its Figure 1): a
 *        SipProxy and a SipUserAgent per host; the MH calls the CH, the data
 *        starts once the call is set up, and each move goes in an INFO,
 *        straight to the peer (signalling=direct) or through the proxy
 *        after a re-REGISTER (signalling=proxy).
 */
class MobiSocketSipScheme : public MobiSocketScheme
{
  public:
    /**
     * \param parameters the scheme's parameters (kept by reference)
     * \param mode how the INFO travels: straight to the peer or through the proxy
     */
    MobiSocketSipScheme(const SchemeParameters& parameters, SipUserAgent::UpdateMode mode);

    std::string GetName() const override;
    SignallingTraits GetSignallingTraits() const override;
    void Install(const SchemeEnvironment& environment) override;
    int64_t AssignStreams(int64_t stream) override;
    void StartSession() override;
    void Connected(Host host, Ptr<Socket> socket) override;
    void AddressChanged(Host host, const IpAddress& address) override;
    Ptr<AttackSurface> GetAttackSurface() const override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;

    /**
     * \param host a host
     * \return its user agent (after Install)
     */
    Ptr<SipUserAgent> GetUserAgent(Host host) const;

    /**
     * \param host a host
     * \return its user's address of record ("sip:mh@mobisocket.test" for the
     *         first pair's MH, "sip:mh2@mobisocket.test" for the second's, ...)
     */
    std::string GetAor(Host host) const;

  protected:
    MobiSocket::Signalling GetSignalling() const override;
    std::string CheckRequirements(const Requirements& requirements) const override;

  private:
    /// A user agent registered: once both have, the MH calls the CH (the first time only).
    void Registered();

    SipUserAgent::UpdateMode m_mode;           //!< direct or through the proxy
    std::array<Ptr<SipUserAgent>, 2> m_agents; //!< by host
    uint32_t m_registrations{0};               //!< first registrations answered
};

/**
 * \ingroup mobisocket
 * \brief MobiSocket with application signalling over an ideal channel
 *        (signalling=application): each connection's applications learn the
 *        other's new address appSignallingDelayMs after the move
 *        (FixedDelaySignalling), a stand-in when the signalling is not
 *        under study.
 */
class MobiSocketApplicationScheme : public MobiSocketScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit MobiSocketApplicationScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    SignallingTraits GetSignallingTraits() const override;
    void Connected(Host host, Ptr<Socket> socket) override;
    void AddressChanged(Host host, const IpAddress& address) override;

  protected:
    MobiSocket::Signalling GetSignalling() const override;

  private:
    /// A connection's two ends and, from its first move, their signalling.
    struct Pair
    {
        std::array<Ptr<MobiSocket>, 2> sockets; //!< by host
        Ptr<FixedDelaySignalling> signalling;   //!< made at the first move
    };

    std::map<uint64_t, Pair> m_pairs; //!< by connection token
};

} // namespace ns3

#endif /* MOBI_SOCKET_SCHEMES_H */
