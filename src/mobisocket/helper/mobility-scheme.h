/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBILITY_SCHEME_H
#define MOBILITY_SCHEME_H

#include "exchange-path.h"
#include "scenario-parameters.h"
#include "scenario-result.h"

#include "ns3/callback.h"
#include "ns3/ip-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/node.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"
#include "ns3/sip-proxy.h"
#include "ns3/type-id.h"

#include <array>
#include <memory>
#include <string>

namespace ns3
{

class AttackSurface;
class DnsRendezvousHelper;
class HandoverTimeline;
class Socket;

/**
 * \ingroup mobisocket
 * \brief The rendezvous servers that the schemes of one run share, however
 *        many MH-CH pairs it has: one SIP registrar/proxy, one DNS zone.
 *        The first scheme that needs a server installs it here; the others
 *        register their hosts with it.
 */
struct SchemeServices
{
    Ptr<SipProxy> registrar;                  //!< MobiSocket with SIP (null: not yet)
    std::shared_ptr<DnsRendezvousHelper> dns; //!< TCP Migrate's zone and server (null: not yet)
};

/**
 * \ingroup mobisocket
 * \brief What a scenario offers the scheme that keeps its connections.
 */
struct SchemeEnvironment
{
    std::array<Ptr<Node>, 2> hosts;           //!< MH and CH (by IndexOf)
    uint32_t pairIndex{0};                    //!< which MH-CH pair of the run (from 0)
    std::shared_ptr<SchemeServices> services; //!< shared with the run's other pairs
                                              //!< (null: the scheme makes its own)
    Ptr<Node> proxy;                          //!< the SIP registrar/proxy's node
    Ipv4Address proxyAddress;                 //!< its address
    Ipv6Address proxyAddress6;                //!< its IPv6 address (IPv6 hosts; else ::)
    HandoverTimeline* timeline{nullptr};      //!< where the scheme's exchanges are watched
    Callback<void> startData;                 //!< the session can carry data: start it
    bool offerMobility{true};                 //!< MobiSocket: activate mobility on sockets
    bool giveKeys{true};                      //!< MobiSocket in band: hand each end its keys
    bool givePeerKeys{true};                  //!< and the peer's public key
};

/**
 * \ingroup mobisocket
 * \brief One way of keeping a TCP connection across address changes, as a
 *        scenario uses it: one class per scheme (plain TCP, MobiSocket with
 *        SIP, in-band or application signalling, TCP-R, the redirect
 *        daemon), chosen once from the parameters (Create()).
 *
 * A scheme installs what the hosts need, supplies the socket factory,
 * reacts to the hosts' link losses and new addresses, watches its
 * address-change exchanges on the scenario's timeline, checks that the
 * scenario's demands suit it, and adds its own result fields. Scenarios
 * know nothing of the schemes beyond this interface.
 */
class MobilityScheme : public SimpleRefCount<MobilityScheme>
{
  public:
    /// What a scenario demands of a scheme.
    struct Requirements
    {
        bool manyConnections{false};   //!< more than one connection (browsing)
        bool interfaceHandover{false}; //!< a connection moves to another interface (CopyTcb)
        bool attacked{false};          //!< an attacker forges the scheme's messages
        bool ipv6{false};              //!< the hosts' addresses are IPv6 (ipVersion=6)
    };

    /// Where a scheme finds a peer that moved at the same time as the mover.
    enum class Rendezvous
    {
        NONE,      //!< nowhere: updates go to the peer's last known address
        REGISTRAR, //!< the SIP registrar: both re-register, updates go through the proxy
        IDEAL,     //!< an ideal channel between the applications, which needs no address
        DNS,       //!< dynamic DNS: each host publishes its address; an unanswered update
                   //!< looks the peer up and goes to the address found
    };

    /// What the scheme's signalling is like, as the stress oracle (HandoverStress) bounds it.
    struct SignallingTraits
    {
        bool keepsConnections{false};            //!< connections survive an address change at all
        bool sipSession{false};                  //!< a SIP session (REGISTERs, INVITE) precedes the
                                                 //!< data and updates are SIP transactions (T1, T2)
        bool preparedOnly{false};                //!< keeps only connections prepared in advance
        double fixedUpdateDelayS{-1};            //!< the peer learns of a move exactly this much
                                                 //!< later (an ideal channel); -1: by messages
        double controlRtoS{-1};                  //!< the scheme's own first retransmission timeout
                                                 //!< (-1: the connection's RTO)
        uint32_t controlRetransmissions{0};      //!< with controlRtoS: resends before it gives up
        Rendezvous rendezvous{Rendezvous::NONE}; //!< how it reaches a peer that moved too
    };

    /**
     * \brief Check the scheme's parameters and that the chosen scheme can
     *        do what the scenario demands.
     * \param parameters the scheme's parameters
     * \param requirements what the scenario demands
     * \return "" if valid, else a message naming the parameter at fault
     */
    static std::string Validate(const SchemeParameters& parameters,
                                const Requirements& requirements);

    /**
     * \brief Choose the scheme: the one place that reads protocol and signalling.
     * \param parameters the scheme's parameters (valid; kept by reference:
     *        they must outlive the scheme)
     * \return the scheme
     */
    static Ptr<MobilityScheme> Create(const SchemeParameters& parameters);

    /// \param parameters the scheme's parameters (kept by reference)
    explicit MobilityScheme(const SchemeParameters& parameters);
    virtual ~MobilityScheme();

    /// \return the scheme's name, as in experiment tables ("mobisocket-inband", "tcp-r", ...)
    virtual std::string GetName() const = 0;

    /// \return the TypeId of the socket factory applications use
    virtual TypeId GetSocketFactory() const = 0;

    /**
     * \brief Install what the hosts need (after the Internet stack).
     * \param environment the scenario's hosts and hooks (kept)
     */
    virtual void Install(const SchemeEnvironment& environment);

    /**
     * \brief Fix the random streams of what the scheme installed itself (the
     *        nodes' demultiplexers and crypto agents are the scenario's).
     * \param stream the first stream index
     * \return the number of streams used
     */
    virtual int64_t AssignStreams(int64_t stream);

    /// Both hosts have addresses: set up the session (by default, start the data).
    virtual void StartSession();

    /**
     * \brief A connection end is up.
     * \param host its host
     * \param socket its socket
     */
    virtual void Connected(Host host, Ptr<Socket> socket);

    /**
     * \brief A host lost its access link (its address is going).
     * \param host the host
     */
    virtual void LinkLost(Host host);

    /**
     * \brief A host has an address: its first (leased, or a wired host's
     *        from the start) or a new one after a move (before
     *        AddressChanged), for a scheme that publishes where its hosts are
     *        (TCP Migrate's DNS).
     * \param host the host
     * \param address the address
     */
    virtual void AddressAssigned(Host host, const IpAddress& address);

    /**
     * \brief A host has a new address.
     * \param host the host
     * \param address its new address
     */
    virtual void AddressChanged(Host host, const IpAddress& address);

    /**
     * \return how the scheme's address-change messages travel, for an
     *         attacker to forge or replay them (ChangeAttacker); null when
     *         the scheme puts none on the wire (plain TCP; MobiSocket with
     *         application signalling). The attacked end is the CH.
     */
    virtual Ptr<AttackSurface> GetAttackSurface() const;

    /**
     * \brief Predict the scheme's address-change exchange for one move of
     *        the MH from the path alone, for the delay model
     *        (HandoverDelayModel); no simulation runs.
     * \param path what the exchange travels over and costs
     * \return the prediction (by default: the scheme keeps no connection)
     */
    virtual ExchangePrediction PredictExchange(const ExchangePath& path) const;

    /// \return what the scheme's signalling is like (by default plain TCP's: nothing kept)
    virtual SignallingTraits GetSignallingTraits() const;

    /**
     * \return whether the scheme runs on IPv6 hosts (by default no: TCP-R,
     *         the redirect daemon and TCP Migrate are IPv4 designs, see the
     *         module documentation)
     */
    virtual bool RunsOnIpv6() const;

    /**
     * \brief Add the scheme's own fields to a run's result.
     * \param result the result
     */
    virtual void AddResults(ScenarioResult& result) const;

  protected:
    /**
     * \param requirements what the scenario demands
     * \return "" if the scheme can do it, else a message naming the parameter at fault
     *         (by default: anything but an interface handover)
     */
    virtual std::string CheckRequirements(const Requirements& requirements) const;

    /// \return the scheme's parameters
    const SchemeParameters& GetParameters() const;

    /// \return the scenario's environment (after Install)
    const SchemeEnvironment& GetEnvironment() const;

    /**
     * \param host a host
     * \return its node
     */
    Ptr<Node> GetHostNode(Host host) const;

    /**
     * \param host a host
     * \return its name in rendezvous (SIP AOR, DNS): "mh" and "ch" for the
     *         first pair, "mh2" and "ch2" for the second, ...
     */
    std::string GetHostLabel(Host host) const;

    /// \return the servers shared with the run's other pairs (after Install)
    SchemeServices& GetServices() const;

  private:
    const SchemeParameters& m_parameters; //!< owned by the scenario
    SchemeEnvironment m_environment;      //!< set by Install
};

} // namespace ns3

#endif /* MOBILITY_SCHEME_H */
